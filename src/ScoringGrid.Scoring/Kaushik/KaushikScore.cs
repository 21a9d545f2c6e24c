namespace ScoringGrid.Scoring;

/// <summary>
/// Kaushik's per-post rates of an account over a window of whole UTC days ending with the day of as-of.
/// Rates divide by <c>max(posts, 1)</c>: with no post in the window a rate is the plain count, never infinite.
/// </summary>
public readonly struct KaushikScore
{
    /// <summary>Start of the window (inclusive): 00:00 UTC of its first day.</summary>
    public long WindowStartMs { get; init; }

    /// <summary>End of the window (exclusive): 00:00 UTC of the day after as-of.</summary>
    public long WindowEndMs { get; init; }

    /// <summary>
    /// Start of the retained buckets (00:00 UTC of the first retained day), or null before any event.
    /// A window starting earlier is only partly covered.
    /// </summary>
    public long? RetainedFromMs { get; init; }

    /// <summary>POSTs by the account in the window.</summary>
    public long Posts { get; init; }

    /// <summary>COMMENTs plus REPLYs received in the window.</summary>
    public long Conversations { get; init; }

    /// <summary>SHAREs received in the window.</summary>
    public long Shares { get; init; }

    /// <summary>LIKEs received in the window.</summary>
    public long Likes { get; init; }

    /// <summary>CONVERSIONs received in the window.</summary>
    public long Conversions { get; init; }

    /// <summary>Conversation rate: <see cref="Conversations"/> per post.</summary>
    public double ConversationRate { get; init; }

    /// <summary>Amplification rate: <see cref="Shares"/> per post.</summary>
    public double AmplificationRate { get; init; }

    /// <summary>Applause rate: <see cref="Likes"/> per post.</summary>
    public double ApplauseRate { get; init; }

    /// <summary>Economic value: sum of the values of CONVERSIONs received in the window.</summary>
    public double EconomicValue { get; init; }
}
