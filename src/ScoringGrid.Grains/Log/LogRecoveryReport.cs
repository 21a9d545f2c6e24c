namespace ScoringGrid.Grains.Log;

/// <summary>What <see cref="WriteAheadLog.Open"/> found in the log directory.</summary>
public sealed class LogRecoveryReport
{
    internal LogRecoveryReport(string directory, int segmentCount, long recordCount, long firstPosition, long lastPosition, IReadOnlyList<LogDamage> damage)
    {
        Directory = directory;
        SegmentCount = segmentCount;
        RecordCount = recordCount;
        FirstPosition = firstPosition;
        LastPosition = lastPosition;
        Damage = damage;
    }

    /// <summary>The log directory.</summary>
    public string Directory { get; }

    /// <summary>How many segment files the log has after recovery.</summary>
    public int SegmentCount { get; }

    /// <summary>How many valid records the log holds after recovery.</summary>
    public long RecordCount { get; }

    /// <summary>Position of the first record kept (0 when the log holds none).</summary>
    public long FirstPosition { get; }

    /// <summary>The last position the log had reached; the next append gets the one after it.</summary>
    public long LastPosition { get; }

    /// <summary>Every part of the log that was dropped, in file order; empty when the log was intact.</summary>
    public IReadOnlyList<LogDamage> Damage { get; }

    /// <summary>Whether nothing was dropped.</summary>
    public bool IsClean => Damage.Count == 0;

    /// <summary>Total bytes dropped.</summary>
    public long BytesDropped => Damage.Sum(d => d.BytesDropped);

    /// <inheritdoc />
    public override string ToString()
    {
        var summary = $"Write-ahead log {Directory}: {SegmentCount} segments, {RecordCount} records, positions {FirstPosition}..{LastPosition}";
        return IsClean ? summary + ", intact." : summary + $"; dropped {BytesDropped} bytes: " + string.Join("; ", Damage);
    }
}
