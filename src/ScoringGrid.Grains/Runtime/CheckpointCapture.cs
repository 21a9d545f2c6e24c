namespace ScoringGrid.Grains;

/// <summary>
/// What one partition contributed to a checkpoint: the grains taken with their records, and the
/// compact tables' captures. <see cref="Writes"/> lists every record, grains first, then each
/// compact capture in order; ETags are reported back in the same order.
/// </summary>
public sealed class CheckpointCapture
{
    private readonly GrainCaptureBatch _grains;
    private IReadOnlyList<GrainRecordWrite>? _writes;

    internal CheckpointCapture(GrainPartition partition, GrainCaptureBatch grains, List<CompactCapture> compact)
    {
        Partition = partition;
        _grains = grains;
        Compact = compact;
    }

    /// <summary>The partition.</summary>
    public GrainPartition Partition { get; }

    /// <summary>Number of records.</summary>
    public int Count
    {
        get
        {
            int count = _grains.Grains.Count;
            foreach (var capture in Compact)
            {
                count += capture.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// The records to write, once <see cref="GrainRuntime.MaterializeCheckpointAsync"/> has serialized
    /// the grains (compact records are serialized on first access, on the calling thread).
    /// </summary>
    public IReadOnlyList<GrainRecordWrite> Writes
    {
        get
        {
            if (_writes is null)
            {
                var all = new List<GrainRecordWrite>(Count);
                foreach (var write in _grains.Writes)
                {
                    all.Add(write ?? throw new InvalidOperationException("The checkpoint's grains are not serialized yet: call MaterializeCheckpointAsync first."));
                }

                foreach (var capture in Compact)
                {
                    all.AddRange(capture.Materialize());
                }

                _writes = all;
            }

            return _writes;
        }
    }

    internal List<Grain> Grains => _grains.Grains;

    internal GrainCaptureBatch GrainBatch => _grains;

    internal int GrainWriteCount => _grains.Grains.Count;

    internal List<CompactCapture> Compact { get; }
}
