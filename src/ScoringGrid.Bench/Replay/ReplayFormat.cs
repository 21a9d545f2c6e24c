namespace ScoringGrid.Bench.Replay;

/// <summary>Formats of a replayed file.</summary>
public enum ReplayFormat
{
    /// <summary>Decide from the extension, else from the first data line.</summary>
    Auto,

    /// <summary>CollegeMsg: <c>SOURCE DESTINATION UNIX_SECONDS</c> per line, each a DIRECT_MESSAGE.</summary>
    CollegeMsg,

    /// <summary>One proto3-JSON <c>scoringgrid.v1.Interaction</c> per line.</summary>
    JsonLines,
}
