namespace ScoringGrid.Grains.Log;

/// <summary>The writer's I/O steps, for the failure-injection hook used by tests.</summary>
internal enum LogIoStep
{
    /// <summary>Writing records to the active segment.</summary>
    Write,

    /// <summary>Flushing the active segment to stable storage.</summary>
    Fsync,

    /// <summary>Creating a new segment file.</summary>
    CreateSegment,
}
