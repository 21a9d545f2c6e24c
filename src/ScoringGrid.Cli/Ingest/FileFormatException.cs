namespace ScoringGrid.Cli.Ingest;

/// <summary>The file as a whole cannot be read in its format (e.g. a CSV header without the required columns).</summary>
internal sealed class FileFormatException(string message) : Exception(message);
