using System.Globalization;

namespace ScoringGrid.Scoring;

/// <summary>
/// Immutable weight per <see cref="InteractionKind"/>. Changes return a new instance
/// (<see cref="With"/>); equality is by value.
/// </summary>
public sealed class KindWeights : IEquatable<KindWeights>
{
    private readonly double[] _weights;

    private KindWeights(double[] weights) => _weights = weights;

    /// <summary>
    /// The defaults of the design brief: VIEW 0, CLICK 0.5, LIKE 1, FOLLOW 2, SHARE 3, MENTION 4,
    /// COMMENT 6, REPLY 8, DIRECT_MESSAGE 10, CONVERSION 15, UNFOLLOW -5, POST 0.
    /// </summary>
    public static KindWeights Default { get; } = new(new double[]
    {
        0,    // Unspecified
        0,    // View: counted, not scored
        0.5,  // Click
        1,    // Like
        2,    // Follow
        3,    // Share
        4,    // Mention
        6,    // Comment
        8,    // Reply
        10,   // DirectMessage
        15,   // Conversion
        -5,   // Unfollow
        0,    // Post: a broadcast, not part of any relationship
    });

    /// <summary>The weight of a kind; 0 for <see cref="InteractionKind.Unspecified"/> and unknown values.</summary>
    /// <param name="kind">The kind.</param>
    public double this[InteractionKind kind] => (uint)kind < (uint)_weights.Length ? _weights[(int)kind] : 0;

    /// <summary>Builds weights from an array indexed by kind (length <see cref="InteractionKinds.ArrayLength"/>).</summary>
    /// <param name="weights">Weight per kind; index 0 (Unspecified) must be 0.</param>
    public static KindWeights FromArray(ReadOnlySpan<double> weights)
    {
        if (weights.Length != InteractionKinds.ArrayLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"expected {InteractionKinds.ArrayLength} weights (one per kind, index = kind), got {weights.Length}"),
                nameof(weights));
        }

        return new KindWeights(weights.ToArray());
    }

    /// <summary>A copy with one kind's weight changed.</summary>
    /// <param name="kind">A known kind.</param>
    /// <param name="weight">The new weight (validated by <see cref="ScoringModel.Validate"/>).</param>
    public KindWeights With(InteractionKind kind, double weight)
    {
        if (!InteractionKinds.IsKnown(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "only the defined kinds have a weight");
        }

        double[] copy = (double[])_weights.Clone();
        copy[(int)kind] = weight;
        return new KindWeights(copy);
    }

    /// <summary>The weights as an array indexed by kind (a copy).</summary>
    public double[] ToArray() => (double[])_weights.Clone();

    /// <inheritdoc />
    public bool Equals(KindWeights? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        for (int i = 0; i < _weights.Length; i++)
        {
            if (!_weights[i].Equals(other._weights[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KindWeights);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double w in _weights)
        {
            hash.Add(w);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new string[InteractionKinds.ArrayLength - 1];
        for (int k = 1; k < InteractionKinds.ArrayLength; k++)
        {
            parts[k - 1] = string.Create(CultureInfo.InvariantCulture, $"{(InteractionKind)k}={_weights[k]}");
        }

        return string.Join(", ", parts);
    }
}
