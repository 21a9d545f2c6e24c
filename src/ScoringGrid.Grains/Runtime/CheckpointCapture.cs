namespace ScoringGrid.Grains;

/// <summary>
/// What one partition contributed to a checkpoint: the grains taken with their records, and the
/// compact tables' captures. <see cref="Writes"/> lists every record, grains first, then each
/// compact capture in order; ETags are reported back in the same order.
/// </summary>
public sealed class CheckpointCapture
{
    private readonly List<GrainRecordWrite> _grainWrites;
    private IReadOnlyList<GrainRecordWrite>? _writes;

    internal CheckpointCapture(GrainPartition partition, List<Grain> grains, List<GrainRecordWrite> grainWrites, List<CompactCapture> compact)
    {
        Partition = partition;
        Grains = grains;
        _grainWrites = grainWrites;
        Compact = compact;
    }

    /// <summary>The partition.</summary>
    public GrainPartition Partition { get; }

    /// <summary>Number of records.</summary>
    public int Count
    {
        get
        {
            int count = _grainWrites.Count;
            foreach (var capture in Compact)
            {
                count += capture.Count;
            }

            return count;
        }
    }

    /// <summary>The records to write (compact records are serialized on first access, on the calling thread).</summary>
    public IReadOnlyList<GrainRecordWrite> Writes
    {
        get
        {
            if (_writes is null)
            {
                if (Compact.Count == 0)
                {
                    _writes = _grainWrites;
                }
                else
                {
                    var all = new List<GrainRecordWrite>(Count);
                    all.AddRange(_grainWrites);
                    foreach (var capture in Compact)
                    {
                        all.AddRange(capture.Materialize());
                    }

                    _writes = all;
                }
            }

            return _writes;
        }
    }

    internal List<Grain> Grains { get; }

    internal int GrainWriteCount => _grainWrites.Count;

    internal List<CompactCapture> Compact { get; }
}
