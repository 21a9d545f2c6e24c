namespace ScoringGrid.Cli.Ingest;

/// <summary>The file formats <c>sgctl ingest</c> reads.</summary>
internal enum InputFormat
{
    /// <summary>CSV with a header row naming the interaction fields.</summary>
    Csv,

    /// <summary>One proto3-JSON interaction per line.</summary>
    JsonLines,

    /// <summary>"SOURCE DESTINATION UNIX_SECONDS" per line (the CollegeMsg log), as direct messages.</summary>
    CollegeMsg,
}
