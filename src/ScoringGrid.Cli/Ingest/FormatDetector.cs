using ScoringGrid.Cli.Connection;

namespace ScoringGrid.Cli.Ingest;

/// <summary>Chooses the format of a file: by <c>--format</c>, else by extension, else by its first data line.</summary>
internal static class FormatDetector
{
    public const string Names = "csv, jsonl, collegemsg";

    public static InputFormat ParseName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "csv" => InputFormat.Csv,
        "jsonl" or "json" or "ndjson" or "json-lines" => InputFormat.JsonLines,
        "collegemsg" or "snap" or "edges" => InputFormat.CollegeMsg,
        _ => throw new CliUsageException($"--format: '{name}' is not one of auto, {Names}"),
    };

    public static string Name(InputFormat format) => format switch
    {
        InputFormat.Csv => "csv",
        InputFormat.JsonLines => "jsonl",
        _ => "collegemsg",
    };

    public static ILineParser CreateParser(InputFormat format) => format switch
    {
        InputFormat.Csv => new CsvLineParser(),
        InputFormat.JsonLines => new JsonLinesParser(),
        _ => new CollegeMsgParser(),
    };

    /// <summary>The format of a file, from its extension or, failing that, its first data line.</summary>
    public static InputFormat Detect(string path)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv":
                return InputFormat.Csv;
            case ".jsonl" or ".ndjson" or ".json":
                return InputFormat.JsonLines;
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
                return InputFormat.JsonLines;
            }

            if (trimmed.Contains(','))
            {
                return InputFormat.Csv;
            }

            if (trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 3)
            {
                return InputFormat.CollegeMsg;
            }

            break;
        }

        throw new CliUsageException($"cannot tell the format of '{path}' from its extension or first line; pass --format ({Names})");
    }
}
