namespace ScoringGrid.Grains.Log;

/// <summary>One record of the write-ahead log.</summary>
/// <param name="Position">The record's position: 1, 2, 3, ... in append order, never reused.</param>
/// <param name="Payload">The bytes appended.</param>
public readonly record struct LogRecord(long Position, ReadOnlyMemory<byte> Payload);
