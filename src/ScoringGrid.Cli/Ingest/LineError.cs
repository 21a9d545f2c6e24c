namespace ScoringGrid.Cli.Ingest;

/// <summary>Why one line of a file was not ingested: malformed (found while reading) or rejected by the server.</summary>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Field">The offending field (proto name), or "line" for the line as a whole.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="RejectedByServer">True when the server refused it, false when it could not be read.</param>
internal sealed record LineError(long Line, string Field, string Reason, bool RejectedByServer);
