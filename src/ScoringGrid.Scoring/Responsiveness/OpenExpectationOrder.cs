namespace ScoringGrid.Scoring;

/// <summary>
/// The order open expectations are listed in: oldest first, ties by event id, then by sender
/// (ordinal). A total order, so a listing of the first N is the same however it is computed.
/// </summary>
internal sealed class OpenExpectationOrder : IComparer<OpenExpectation>
{
    /// <summary>Oldest first.</summary>
    public static readonly OpenExpectationOrder OldestFirst = new();

    /// <summary>Oldest first as a delegate made once (a sort given the comparer would make one per sort).</summary>
    public static readonly Comparison<OpenExpectation> OldestFirstComparison = OldestFirst.Compare;

    private OpenExpectationOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(OpenExpectation x, OpenExpectation y)
    {
        int c = x.OpenedAtMs.CompareTo(y.OpenedAtMs);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.EventId, y.EventId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Sender, y.Sender);
        }

        return c;
    }
}
