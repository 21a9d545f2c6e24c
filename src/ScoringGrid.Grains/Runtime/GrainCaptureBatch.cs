namespace ScoringGrid.Grains;

/// <summary>
/// The grains one partition took into a checkpoint, whose records are serialized after the
/// consistent cut rather than during it: each grain is serialized either by the background pass
/// (<see cref="GrainRuntime.MaterializeCheckpointAsync"/>) or, if a change reaches it first, just
/// before that change (copy on write), so every record holds the state as of the cut.
/// </summary>
internal sealed class GrainCaptureBatch(IGrainStateSerializer serializer, long logPosition, List<Grain> grains)
{
    private int _next; // the background pass's position

    public IGrainStateSerializer Serializer => serializer;

    public long LogPosition => logPosition;

    public List<Grain> Grains => grains;

    /// <summary>The records, by grain index; sized by <see cref="Seal"/> once the cut has taken every grain.</summary>
    public GrainRecordWrite?[] Writes { get; private set; } = [];

    /// <summary>Ends the cut: no grain is added afterwards.</summary>
    public void Seal() => Writes = new GrainRecordWrite?[grains.Count];

    /// <summary>Serializes up to <paramref name="budget"/> more grains (on the worker); true when every grain is serialized.</summary>
    public bool MaterializeSome(int budget)
    {
        var end = Math.Min(grains.Count, _next + budget);
        for (; _next < end; _next++)
        {
            grains[_next].SerializeCapture(this);
        }

        return _next >= grains.Count;
    }
}
