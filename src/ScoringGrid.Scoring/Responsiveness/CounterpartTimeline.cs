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

    private static readonly List<ExpectationEntry> NoExpectations = [];
    private static readonly List<AnswerRecord> NoAnswers = [];

    /// <summary>The expectations, sorted; a shared empty list (read only) until the first is added (see <see cref="WritableExpectations"/>).</summary>
    public List<ExpectationEntry> Expectations { get; private set; } = NoExpectations;

    /// <summary>The answers, sorted; a shared empty list (read only) until the first is added (see <see cref="WritableAnswers"/>).</summary>
    public List<AnswerRecord> Answers { get; private set; } = NoAnswers;

    /// <summary>The expectations, as a list of this timeline's own that can take one more element.</summary>
    public List<ExpectationEntry> WritableExpectations()
    {
        List<ExpectationEntry> list = Expectations;
        if (ReferenceEquals(list, NoExpectations))
        {
            Expectations = list = new List<ExpectationEntry>(1);
        }
        else if (list.Count == list.Capacity)
        {
            list.Capacity = list.Count * 2;
        }

        return list;
    }

    /// <summary>The answers, as a list of this timeline's own that can take one more element.</summary>
    public List<AnswerRecord> WritableAnswers()
    {
        List<AnswerRecord> list = Answers;
        if (ReferenceEquals(list, NoAnswers))
        {
            Answers = list = new List<AnswerRecord>(1);
        }
        else if (list.Count == list.Capacity)
        {
            list.Capacity = list.Count * 2;
        }

        return list;
    }

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
