namespace ScoringGrid.Grains;

/// <summary>What a partition needs of each of its compact grain tables, whatever their key and state.</summary>
internal interface ICompactGrainTable : IDisposable
{
    /// <summary>Slots changed since the last capture.</summary>
    int DirtyCount { get; }

    /// <summary>Takes every changed slot for a checkpoint (on the worker).</summary>
    CompactCapture Capture(long logPosition);

    /// <summary>Frees idle, stored slots, scanning at most <paramref name="budget"/>; true when the sweep reached the end.</summary>
    bool CollectIdle(TimeSpan age, int budget);
}
