namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>Where a string field's UTF-8 bytes lie in a request's payload (empty when absent).</summary>
/// <param name="Offset">First byte, from the start of the payload.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct WireString(int Offset, int Length);
