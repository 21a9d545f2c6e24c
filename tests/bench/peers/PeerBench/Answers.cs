namespace ScoringGrid.Bench.Peers;

/// <summary>A GetRelationship answer as both peers compute it, for pair (A, B), A &lt; B ordinally.</summary>
public sealed class RelationshipAnswer
{
    public double AToB { get; set; }

    public double BToA { get; set; }

    public double Reciprocity { get; set; }

    public double Strength { get; set; }

    /// <summary>Counts a→b by kind number (index 0 unused).</summary>
    public long[] CountsAToB { get; } = new long[13];

    /// <summary>Counts b→a by kind number (index 0 unused).</summary>
    public long[] CountsBToA { get; } = new long[13];

    public long? FirstMs { get; set; }

    public long? LastMs { get; set; }

    /// <summary>Whether the pair was never seen (NOT_FOUND).</summary>
    public bool NotFound { get; set; }

    public override string ToString() =>
        NotFound ? "not found" : $"a_to_b={AToB:R} b_to_a={BToA:R} reciprocity={Reciprocity:R} strength={Strength:R} first={FirstMs} last={LastMs}";
}

/// <summary>One entry of a top-relationships answer.</summary>
/// <param name="Other">The other account.</param>
/// <param name="Strength">The pair's strength at as-of.</param>
public readonly record struct TopEntry(string Other, double Strength);

/// <summary>An account's decayed aggregates (the account part of the per-interaction updates).</summary>
public sealed class AccountAnswer
{
    public double Given { get; set; }

    public double Received { get; set; }

    public long Posts { get; set; }

    public long[] CountsGiven { get; } = new long[13];

    public long[] CountsReceived { get; } = new long[13];
}
