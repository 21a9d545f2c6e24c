namespace ScoringGrid.Bench.Replay;

/// <summary>Parses the lines of one replayed file, in order (a parser may keep state, e.g. whether a header was seen).</summary>
public interface ILineParser
{
    /// <summary>Parses one line.</summary>
    /// <param name="lineNumber">1-based line number.</param>
    /// <param name="line">The line, without its end-of-line characters.</param>
    ParsedLine Parse(long lineNumber, string line);
}
