using Google.Protobuf;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Ingest;

/// <summary>
/// One interaction per line in proto3 JSON (<c>{"eventId": "e1", "actor": "ann", "target": "bob",
/// "kind": "INTERACTION_KIND_LIKE", "occurredAt": "1767225600000"}</c>). A line without an
/// <c>eventId</c> gets one derived from the line. Blank lines are skipped.
/// </summary>
internal sealed class JsonLinesParser : ILineParser
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    public LineResult Parse(long lineNumber, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineResult.Skip;
        }

        Interaction interaction;
        try
        {
            interaction = Parser.Parse<Interaction>(line);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or InvalidOperationException)
        {
            return LineResult.Fail(lineNumber, "line", "not a proto3-JSON interaction: " + ex.Message);
        }

        if (interaction.EventId.Length == 0)
        {
            interaction.EventId = EventIds.Derive("jsonl", lineNumber, line);
        }

        return LineResult.Of(interaction);
    }
}
