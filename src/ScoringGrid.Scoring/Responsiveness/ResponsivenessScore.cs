namespace ScoringGrid.Scoring;

/// <summary>How well an account answers those who address it directly, at one as-of.</summary>
public readonly struct ResponsivenessScore
{
    /// <summary>The SLA applied.</summary>
    public long SlaMs { get; init; }

    /// <summary>Expectations answered (retained range).</summary>
    public long Answered { get; init; }

    /// <summary>Expectations open (retained range), whatever their age.</summary>
    public long Open { get; init; }

    /// <summary>Open expectations older than the SLA at as-of (age &gt; SLA).</summary>
    public long OpenPastSla { get; init; }

    /// <summary><c>Answered / (Answered + OpenPastSla)</c>; null when both are 0 (nothing owed yet).</summary>
    public double? ResponseRate { get; init; }

    /// <summary>Number of answer-time samples (one per answering event that closed something).</summary>
    public int AnswerSamples { get; init; }

    /// <summary>Median answer time by nearest rank (rank ceil(0.5·n)); null without samples.</summary>
    public long? MedianAnswerMs { get; init; }

    /// <summary>90th percentile answer time by nearest rank (rank ceil(0.9·n)); null without samples.</summary>
    public long? P90AnswerMs { get; init; }

    /// <summary>Open expectations, oldest first (ties by event id, then sender), at most the requested number.</summary>
    public required IReadOnlyList<OpenExpectation> OpenExpectations { get; init; }

    /// <summary>Events before this time are no longer retained for responsiveness; null before any event.</summary>
    public long? RetainedFromMs { get; init; }
}
