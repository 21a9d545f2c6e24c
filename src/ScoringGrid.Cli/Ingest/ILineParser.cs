namespace ScoringGrid.Cli.Ingest;

/// <summary>Reads the lines of one file, in order (a parser may keep state, such as a CSV header).</summary>
internal interface ILineParser
{
    /// <summary>Parses one line; <paramref name="lineNumber"/> counts from 1.</summary>
    LineResult Parse(long lineNumber, string line);
}
