using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Ingest;

/// <summary>
/// The CollegeMsg format: "SOURCE DESTINATION UNIX_SECONDS" per line, each a DIRECT_MESSAGE from
/// SOURCE to DESTINATION at that second. Event ids are derived from the line number and content.
/// A first line that is not data (e.g. "Source Destination Timestamp") is taken as a header;
/// blank lines and lines starting with # or % are skipped.
/// </summary>
internal sealed class CollegeMsgParser : ILineParser
{
    private bool _seenData;

    public LineResult Parse(long lineNumber, string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] is '#' or '%')
        {
            return LineResult.Skip;
        }

        var tokens = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var hasTime = tokens.Length == 3 && long.TryParse(tokens[2], NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (!_seenData && !hasTime && tokens.Length == 3 && !tokens.Any(t => t.All(char.IsAsciiDigit)))
        {
            _seenData = true;
            return LineResult.Skip;
        }

        _seenData = true;
        if (tokens.Length != 3)
        {
            return LineResult.Fail(lineNumber, "line", $"has {tokens.Length} fields; expected 'SOURCE DESTINATION UNIX_SECONDS'");
        }

        if (!long.TryParse(tokens[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > long.MaxValue / 1000)
        {
            return LineResult.Fail(lineNumber, "occurred_at", $"'{tokens[2]}' is not a number of seconds since the epoch");
        }

        return LineResult.Of(new Interaction
        {
            EventId = EventIds.Derive("collegemsg", lineNumber, trimmed),
            Actor = tokens[0],
            Target = tokens[1],
            Kind = InteractionKind.DirectMessage,
            OccurredAt = seconds * 1000,
        });
    }
}
