namespace ScoringGrid.Scoring;

/// <summary>
/// Forward exponential decay against a fixed landmark (design brief §4).
/// </summary>
/// <remarks>
/// <para>
/// An event of weight <c>w</c> at time <c>t</c> is stored as <c>w·2^((t − T0)/h)</c> with
/// <c>T0 = </c><see cref="LandmarkMs"/>; a sum of such values decays to as-of by one common factor
/// <c>2^(−(asOf − T0)/h)</c>, which gives <c>Σ w·2^(−(asOf − t)/h)</c> whatever order events came in,
/// and keeps the order between two sums fixed whatever the clock says.
/// </para>
/// <para>
/// Renormalisation: <c>2^((t − T0)/h)</c> overflows a double after 1024 half-lives (39 years at 14 days,
/// 19.6 years at 7 days) and underflows as far before T0. Each state therefore keeps its own integer
/// <em>epoch</em> <c>E</c> (in half-lives from T0) and stores <c>m = Σ w·2^((t − T0)/h − E)</c>: the forward
/// value is <c>m·2^E</c>. <c>E</c> is set by the first event and moved forward (by an exact power-of-two
/// rescale of <c>m</c>) whenever an event lies more than 256 half-lives past it. Values compared across
/// states are compared in log space: a ranking key is <c>log2(m) + E = log2(forward value)</c>, finite for
/// any time the model accepts, <see cref="double.NegativeInfinity"/> for zero. Order-independence holds up
/// to floating-point rounding of the additions (relative error of order 1e-15 per event).
/// </para>
/// </remarks>
public static class ForwardDecay
{
    /// <summary>The landmark T0: 2020-01-01T00:00:00Z in milliseconds since the Unix epoch.</summary>
    public const long LandmarkMs = 1_577_836_800_000L;

    /// <summary>A state renormalises its epoch when an event lies more than this many half-lives past it.</summary>
    public const int RenormaliseAfterHalfLives = 256;

    /// <summary>The reference formula: <c>w·2^(−(asOf − t)/h)</c> for one event.</summary>
    /// <param name="weight">The event's weight.</param>
    /// <param name="eventMs">When the event occurred.</param>
    /// <param name="asOfMs">The time to decay to.</param>
    /// <param name="halfLifeMs">The half-life.</param>
    public static double Decay(double weight, long eventMs, long asOfMs, long halfLifeMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(halfLifeMs, 1);
        return ScaleByPowerOfTwo(weight, -(double)(asOfMs - eventMs) / halfLifeMs);
    }

    /// <summary>
    /// Turns a ranking key (log2 of a forward-decayed value, as returned by
    /// <see cref="RelationshipState.StrengthKey"/>) back into the value it stands for at as-of.
    /// </summary>
    /// <param name="key">The key; <see cref="double.NegativeInfinity"/> gives 0.</param>
    /// <param name="asOfMs">The time to decay to.</param>
    /// <param name="halfLifeMs">The half-life the key was built with.</param>
    public static double KeyToValue(double key, long asOfMs, long halfLifeMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(halfLifeMs, 1);
        if (double.IsNegativeInfinity(key))
        {
            return 0;
        }

        return ScaleByPowerOfTwo(1.0, key - (double)(asOfMs - LandmarkMs) / halfLifeMs);
    }

    /// <summary><c>value·2^exponent</c>, exact in the integer part of the exponent (no overflow of 2^x alone).</summary>
    internal static double ScaleByPowerOfTwo(double value, double exponent)
    {
        if (value == 0 || double.IsNaN(exponent))
        {
            return value == 0 ? 0 : double.NaN;
        }

        double whole = Math.Round(exponent);
        double fraction = exponent - whole; // exact, in [−½, ½]
        int n = (int)Math.Clamp(whole, -100_000, 100_000);
        return Math.ScaleB(value * Base2.Exp2OfFraction(fraction), n);
    }
}
