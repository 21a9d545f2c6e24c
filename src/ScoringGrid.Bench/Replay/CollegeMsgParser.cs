using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Replay;

/// <summary>
/// The CollegeMsg format: <c>SOURCE DESTINATION UNIX_SECONDS</c> per line (any whitespace
/// between), each a DIRECT_MESSAGE from SOURCE to DESTINATION at <c>UNIX_SECONDS · 1000</c> ms.
/// The event id is the run's prefix and the line number. A first line that is not data (such
/// as <c>Source Destination Timestamp</c>) is a header; blank lines and lines starting with
/// <c>#</c> or <c>%</c> are skipped.
/// </summary>
public sealed class CollegeMsgParser : ILineParser
{
    private readonly string _eventPrefix;
    private bool _seenData;

    /// <summary>Creates a parser.</summary>
    /// <param name="eventPrefix">Prefix of the event ids; the line number follows.</param>
    public CollegeMsgParser(string eventPrefix) => _eventPrefix = eventPrefix;

    /// <inheritdoc />
    public ParsedLine Parse(long lineNumber, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] is '#' or '%')
        {
            return ParsedLine.Skip;
        }

        var tokens = trimmed.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var first = !_seenData;
        _seenData = true;
        if (first && tokens.Length == 3 && !long.TryParse(tokens[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && !tokens.Any(t => t.All(char.IsAsciiDigit)))
        {
            return ParsedLine.Skip;
        }

        if (tokens.Length != 3)
        {
            return ParsedLine.Fail($"has {tokens.Length} fields; expected 'SOURCE DESTINATION UNIX_SECONDS'");
        }

        if (!long.TryParse(tokens[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > long.MaxValue / 1000)
        {
            return ParsedLine.Fail($"'{tokens[2]}' is not a number of seconds since the epoch");
        }

        if (tokens[0] == tokens[1])
        {
            return ParsedLine.Fail($"source and destination are both '{tokens[0]}'");
        }

        return ParsedLine.Of(new Interaction
        {
            EventId = _eventPrefix + lineNumber.ToString(CultureInfo.InvariantCulture),
            Actor = tokens[0],
            Target = tokens[1],
            Kind = InteractionKind.DirectMessage,
            OccurredAt = seconds * 1000,
        });
    }
}
