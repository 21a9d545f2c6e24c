namespace ScoringGrid.Scoring;

/// <summary>
/// The order open expectations are listed in: oldest first, ties by event id, then by sender
/// (ordinal). A total order, so a listing of the first N is the same however it is computed.
/// </summary>
internal sealed class OpenExpectationOrder : IComparer<OpenExpectation>
{
    /// <summary>Oldest first.</summary>
    public static readonly OpenExpectationOrder OldestFirst = new(newestFirst: false);

    /// <summary>The reverse: newest first (the root of a heap that keeps the oldest N).</summary>
    public static readonly OpenExpectationOrder NewestFirst = new(newestFirst: true);

    private readonly bool _newestFirst;

    private OpenExpectationOrder(bool newestFirst) => _newestFirst = newestFirst;

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

        return _newestFirst ? -c : c;
    }
}
