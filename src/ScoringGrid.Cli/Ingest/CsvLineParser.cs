using System.Globalization;
using ScoringGrid.Cli.Connection;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Ingest;

/// <summary>
/// CSV with a header row. Columns (any order, snake_case or camelCase, case-insensitive):
/// <c>event_id</c> (optional: derived from the line when absent or empty), <c>actor</c>,
/// <c>target</c>, <c>kind</c>, <c>occurred_at</c> (ms since the epoch or ISO-8601),
/// <c>in_reply_to</c>, <c>value</c>, <c>sentiment</c>. Blank lines and lines starting with
/// <c>#</c> are skipped.
/// </summary>
internal sealed class CsvLineParser : ILineParser
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["event_id"] = "event_id", ["eventid"] = "event_id", ["id"] = "event_id",
        ["actor"] = "actor", ["source"] = "actor", ["from"] = "actor",
        ["target"] = "target", ["destination"] = "target", ["to"] = "target",
        ["kind"] = "kind", ["type"] = "kind",
        ["occurred_at"] = "occurred_at", ["occurredat"] = "occurred_at", ["timestamp"] = "occurred_at", ["time"] = "occurred_at",
        ["in_reply_to"] = "in_reply_to", ["inreplyto"] = "in_reply_to",
        ["value"] = "value",
        ["sentiment"] = "sentiment",
    };

    private Dictionary<string, int>? _columns;
    private int _width;

    public LineResult Parse(long lineNumber, string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
        {
            return LineResult.Skip;
        }

        var (fields, error) = CsvFields.Split(line);
        if (fields is null)
        {
            return _columns is null
                ? throw new FileFormatException($"line {lineNumber}: the header row: {error}")
                : LineResult.Fail(lineNumber, "line", error!);
        }

        if (_columns is null)
        {
            ReadHeader(lineNumber, fields);
            return LineResult.Skip;
        }

        if (fields.Count != _width)
        {
            return LineResult.Fail(lineNumber, "line", $"has {fields.Count} fields; the header has {_width}");
        }

        string Get(string name) => _columns.TryGetValue(name, out var index) ? fields[index] : string.Empty;

        var kindText = Get("kind");
        if (kindText.Length == 0)
        {
            return LineResult.Fail(lineNumber, "kind", "is required");
        }

        if (!KindNames.TryParse(kindText, out var kind))
        {
            return LineResult.Fail(lineNumber, "kind", $"'{kindText}' is not a kind (expected one of {KindNames.Expected})");
        }

        var timeText = Get("occurred_at");
        if (timeText.Length == 0)
        {
            return LineResult.Fail(lineNumber, "occurred_at", "is required");
        }

        long occurredAt;
        try
        {
            occurredAt = ValueParsers.ParseInstant("occurred_at", timeText).ToUnixTimeMilliseconds();
        }
        catch (CliUsageException)
        {
            return LineResult.Fail(lineNumber, "occurred_at", $"'{timeText}' is neither ms since the epoch nor an ISO-8601 date-time");
        }

        var interaction = new Interaction
        {
            EventId = Get("event_id") is { Length: > 0 } id ? id : EventIds.Derive("csv", lineNumber, line),
            Actor = Get("actor"),
            Target = Get("target"),
            Kind = kind,
            OccurredAt = occurredAt,
            InReplyTo = Get("in_reply_to"),
        };
        foreach (var name in (ReadOnlySpan<string>)["value", "sentiment"])
        {
            var text = Get(name);
            if (text.Length == 0)
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return LineResult.Fail(lineNumber, name, $"'{text}' is not a number");
            }

            if (name == "value")
            {
                interaction.Value = number;
            }
            else
            {
                interaction.Sentiment = number;
            }
        }

        return LineResult.Of(interaction);
    }

    private void ReadHeader(long lineNumber, List<string> fields)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim().Trim('"');
            if (!Aliases.TryGetValue(name, out var canonical))
            {
                throw new FileFormatException(
                    $"line {lineNumber}: the header names an unknown column '{name}' (columns: event_id, actor, target, kind, occurred_at, in_reply_to, value, sentiment)");
            }

            if (!columns.TryAdd(canonical, i))
            {
                throw new FileFormatException($"line {lineNumber}: the header names column '{canonical}' twice");
            }
        }

        foreach (var required in (ReadOnlySpan<string>)["actor", "kind", "occurred_at"])
        {
            if (!columns.ContainsKey(required))
            {
                throw new FileFormatException($"line {lineNumber}: the header has no '{required}' column (required: actor, kind, occurred_at; the first line of a CSV file must be its header)");
            }
        }

        _columns = columns;
        _width = fields.Count;
    }
}
