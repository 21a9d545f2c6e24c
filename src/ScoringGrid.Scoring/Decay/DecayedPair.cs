namespace ScoringGrid.Scoring;

/// <summary>
/// Two forward-decayed sums sharing one half-life and one epoch (see <see cref="ForwardDecay"/>):
/// a relationship's a→b and b→a, or an account's given and received. A mutable struct kept as a
/// field of its owner, so adding to it never allocates.
/// </summary>
internal struct DecayedPair
{
    /// <summary>Epoch value of a pair that has never received a non-zero weight.</summary>
    public const long NoEpoch = long.MinValue;

    /// <summary>Epoch in half-lives from the landmark; <see cref="NoEpoch"/> when empty.</summary>
    public long Epoch;

    /// <summary>First sum, relative to the epoch.</summary>
    public double First;

    /// <summary>Second sum, relative to the epoch.</summary>
    public double Second;

    public static DecayedPair Empty => new() { Epoch = NoEpoch };

    /// <summary>Adds <c>w·2^((t − T0)/h − Epoch)</c> to one of the sums, renormalising the epoch when needed.</summary>
    public void Add(bool toSecond, double weight, long eventMs, long halfLifeMs)
    {
        if (weight == 0)
        {
            return;
        }

        long sinceLandmark = eventMs - ForwardDecay.LandmarkMs;
        if (Epoch == NoEpoch)
        {
            Epoch = TimeUnits.FloorDiv(sinceLandmark, halfLifeMs);
        }

        long delta = sinceLandmark - Epoch * halfLifeMs;
        if (delta > ForwardDecay.RenormaliseAfterHalfLives * halfLifeMs)
        {
            long newEpoch = TimeUnits.FloorDiv(sinceLandmark, halfLifeMs);
            int shift = (int)Math.Max(Epoch - newEpoch, -100_000);
            First = Math.ScaleB(First, shift);
            Second = Math.ScaleB(Second, shift);
            Epoch = newEpoch;
            delta = sinceLandmark - Epoch * halfLifeMs;
        }

        double contribution = ForwardDecay.ScaleByPowerOfTwo(weight, (double)delta / halfLifeMs);
        if (toSecond)
        {
            Second += contribution;
        }
        else
        {
            First += contribution;
        }
    }

    /// <summary>A relative value (First, Second or a combination) decayed to as-of.</summary>
    public readonly double ValueAt(double relative, long asOfMs, long halfLifeMs)
    {
        if (Epoch == NoEpoch || relative == 0)
        {
            return 0;
        }

        long delta = (asOfMs - ForwardDecay.LandmarkMs) - Epoch * halfLifeMs;
        return ForwardDecay.ScaleByPowerOfTwo(relative, -(double)delta / halfLifeMs);
    }

    /// <summary>log2 of the forward value of a relative value: the clock-free ranking key; −∞ when not positive.</summary>
    public readonly double Key(double relative)
    {
        if (Epoch == NoEpoch || !(relative > 0))
        {
            return double.NegativeInfinity;
        }

        return Base2.Log2(relative) + Epoch;
    }
}
