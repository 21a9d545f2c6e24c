namespace ScoringGrid.Grains;

/// <summary>What one partition contributed to a checkpoint: the grains taken and their records, in the same order.</summary>
public sealed class CheckpointCapture
{
    internal CheckpointCapture(GrainPartition partition, List<Grain> grains, List<GrainRecordWrite> writes)
    {
        Partition = partition;
        Grains = grains;
        Writes = writes;
    }

    /// <summary>The partition.</summary>
    public GrainPartition Partition { get; }

    /// <summary>The records to write.</summary>
    public IReadOnlyList<GrainRecordWrite> Writes { get; }

    internal List<Grain> Grains { get; }
}
