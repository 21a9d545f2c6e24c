namespace ScoringGrid.Scoring;

/// <summary>
/// Everything between the account and one counterpart that responsiveness needs, sorted by event time:
/// the expectations the counterpart opened, and the answers that count for them (the main entries of
/// the account's answers to the counterpart, plus the links of answers whose in_reply_to names one of
/// its expectations). Expectations before <see cref="OpenFrom"/> are answered, the rest are open.
/// </summary>
internal sealed class CounterpartTimeline
{
    /// <summary>The expectations, sorted (a field: the list is a mutable struct).</summary>
    public InlineList<ExpectationEntry> Expectations;

    /// <summary>The answers' entries, sorted (a field: the list is a mutable struct).</summary>
    public InlineList<AnswerEntry> Answers;

    public CounterpartTimeline(string counterpart) => Counterpart = counterpart;

    public string Counterpart { get; }

    /// <summary>Index of the first open expectation.</summary>
    public int OpenFrom { get; set; }

    /// <summary>Answered count last added to the account totals.</summary>
    public int CountedAnswered { get; set; }

    /// <summary>Open count last added to the account totals.</summary>
    public int CountedOpen { get; set; }

    /// <summary>Index in the tracker's list of timelines with open expectations, or −1.</summary>
    public int WithOpenIndex { get; set; } = -1;

    public int OpenCount => Expectations.Count - OpenFrom;

    public bool IsEmpty => Expectations.Count == 0 && Answers.Count == 0;
}
