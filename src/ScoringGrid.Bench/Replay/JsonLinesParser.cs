using System.Globalization;
using Google.Protobuf;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Replay;

/// <summary>
/// One proto3-JSON <c>scoringgrid.v1.Interaction</c> per line, as <c>sgctl ingest</c> reads and
/// <c>--emit-workload</c> writes (<c>{"eventId": "e1", "actor": "ann", "target": "bob",
/// "kind": "INTERACTION_KIND_LIKE", "occurredAt": "1767225600000"}</c>). Blank lines and lines
/// starting with <c>#</c> are skipped. A line without an event id gets the run's prefix and the
/// line number; with <c>rewriteIds</c>, every event id and <c>in_reply_to</c> is prefixed with
/// the run's prefix, so the same file can be replayed again without being deduplicated.
/// </summary>
public sealed class JsonLinesParser : ILineParser
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);
    private readonly string _eventPrefix;
    private readonly bool _rewriteIds;

    /// <summary>Creates a parser.</summary>
    /// <param name="eventPrefix">The run's event id prefix.</param>
    /// <param name="rewriteIds">Whether to prefix every event id and <c>in_reply_to</c> with it.</param>
    public JsonLinesParser(string eventPrefix, bool rewriteIds = false)
    {
        _eventPrefix = eventPrefix;
        _rewriteIds = rewriteIds;
    }

    /// <inheritdoc />
    public ParsedLine Parse(long lineNumber, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] == '#')
        {
            return ParsedLine.Skip;
        }

        if (trimmed[0] != '{')
        {
            return ParsedLine.Fail("not a JSON object");
        }

        Interaction interaction;
        try
        {
            interaction = Parser.Parse<Interaction>(line);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or InvalidOperationException)
        {
            return ParsedLine.Fail("not a proto3-JSON interaction: " + ex.Message);
        }

        if (interaction.EventId.Length == 0)
        {
            interaction.EventId = _eventPrefix + lineNumber.ToString(CultureInfo.InvariantCulture);
        }
        else if (_rewriteIds)
        {
            interaction.EventId = _eventPrefix + interaction.EventId;
        }

        if (_rewriteIds && interaction.InReplyTo.Length > 0)
        {
            interaction.InReplyTo = _eventPrefix + interaction.InReplyTo;
        }

        return ParsedLine.Of(interaction);
    }
}
