namespace ScoringGrid.Bench.Replay;

/// <summary>Tells the format of a replayed file: by its extension, else by its first data line.</summary>
public static class ReplayFormatDetector
{
    /// <summary>The format names <c>--replay-format</c> takes.</summary>
    public const string Names = "auto, collegemsg, jsonl";

    /// <summary>Parses a format name.</summary>
    /// <param name="name">auto, collegemsg (or snap) or jsonl (or json, ndjson).</param>
    /// <returns>The format, or null for an unknown name.</returns>
    public static ReplayFormat? ParseName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "auto" => ReplayFormat.Auto,
        "collegemsg" or "snap" => ReplayFormat.CollegeMsg,
        "jsonl" or "json" or "ndjson" => ReplayFormat.JsonLines,
        _ => null,
    };

    /// <summary>The name of a format.</summary>
    /// <param name="format">The format.</param>
    public static string Name(ReplayFormat format) => format switch
    {
        ReplayFormat.CollegeMsg => "collegemsg",
        ReplayFormat.JsonLines => "jsonl",
        _ => "auto",
    };

    /// <summary>The format of a file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Neither the extension nor the first data line tells.</exception>
    public static ReplayFormat Detect(string path)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson" or ".json":
                return ReplayFormat.JsonLines;
        }

        using var reader = new StreamReader(path);
        for (var i = 0; i < 100 && reader.ReadLine() is { } line; i++)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or '%')
            {
                continue;
            }

            if (trimmed[0] == '{')
            {
                return ReplayFormat.JsonLines;
            }

            if (trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 3)
            {
                return ReplayFormat.CollegeMsg;
            }

            break;
        }

        throw new InvalidDataException($"cannot tell the format of '{path}' from its extension or first line; pass --replay-format collegemsg or jsonl");
    }

    /// <summary>A parser for a (detected) format.</summary>
    /// <param name="format">CollegeMsg or JsonLines.</param>
    /// <param name="eventPrefix">The run's event id prefix.</param>
    /// <param name="rewriteIds">For JSON lines: prefix the file's event ids.</param>
    public static ILineParser CreateParser(ReplayFormat format, string eventPrefix, bool rewriteIds) => format switch
    {
        ReplayFormat.CollegeMsg => new CollegeMsgParser(eventPrefix),
        ReplayFormat.JsonLines => new JsonLinesParser(eventPrefix, rewriteIds),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Detect the format first."),
    };
}
