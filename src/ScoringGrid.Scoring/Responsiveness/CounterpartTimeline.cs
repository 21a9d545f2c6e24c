namespace ScoringGrid.Scoring;

/// <summary>
/// Everything between the account and one counterpart that responsiveness needs, sorted by event time:
/// the expectations the counterpart opened, and the answers that count for them (the account's answers
/// to the counterpart plus answers linked by in_reply_to). Expectations before <see cref="OpenFrom"/> are
/// answered, the rest are open.
/// </summary>
internal sealed class CounterpartTimeline
{
    public CounterpartTimeline(string counterpart) => Counterpart = counterpart;

    public string Counterpart { get; }

    public List<ExpectationEntry> Expectations { get; } = [];

    public List<AnswerRecord> Answers { get; } = [];

    /// <summary>Index of the first open expectation.</summary>
    public int OpenFrom { get; set; }

    /// <summary>Answered count last added to the account totals.</summary>
    public int CountedAnswered { get; set; }

    /// <summary>Open count last added to the account totals.</summary>
    public int CountedOpen { get; set; }

    public int OpenCount => Expectations.Count - OpenFrom;

    public bool IsEmpty => Expectations.Count == 0 && Answers.Count == 0;
}
