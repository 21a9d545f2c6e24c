using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Connection;

/// <summary>Parsers of option values, each throwing <see cref="CliUsageException"/> with the option's name and what is expected.</summary>
internal static class ValueParsers
{
    private static readonly string[] Tiers = ["inner-circle", "close", "active", "network", "acquaintance", "dormant"];

    /// <summary>An instant: milliseconds since the epoch, or an ISO-8601 date or date-time (UTC unless an offset is given).</summary>
    public static DateTimeOffset ParseInstant(string option, string text)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            if (ms is < -62_135_596_800_000L or > 253_402_300_799_999L)
            {
                throw new CliUsageException($"{option}: {ms} ms is outside the range of dates");
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new CliUsageException($"{option}: '{text}' is neither milliseconds since the epoch nor an ISO-8601 date-time such as 2026-11-01T12:00:00Z");
    }

    /// <summary>A duration: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string option, string text)
    {
        text = text.Trim().ToLowerInvariant();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : (text, 1000.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value) && value * unit < TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return TimeSpan.FromMilliseconds(value * unit);
        }

        throw new CliUsageException($"{option}: '{text}' is not a positive duration such as 500ms, 10s, 2m or 1h");
    }

    /// <summary>A ranking direction: both, inbound or outbound.</summary>
    public static Direction ParseDirection(string text) => text.Trim().ToLowerInvariant() switch
    {
        "both" => Direction.Both,
        "inbound" or "in" => Direction.Inbound,
        "outbound" or "out" => Direction.Outbound,
        _ => throw new CliUsageException($"--direction: '{text}' is not one of both, inbound, outbound"),
    };

    /// <summary>A tier by its name: inner-circle, close, active, network, acquaintance, dormant.</summary>
    public static Tier ParseTier(string text)
    {
        var normalized = text.Trim().ToLowerInvariant().Replace('_', '-');
        if (normalized.StartsWith("tier-", StringComparison.Ordinal))
        {
            normalized = normalized[5..];
        }

        var index = Array.IndexOf(Tiers, normalized);
        return index >= 0
            ? (Tier)(index + 1)
            : throw new CliUsageException($"--min-tier: '{text}' is not one of {string.Join(", ", Tiers)}");
    }

    /// <summary>The tier's option name (inner-circle, close...).</summary>
    public static string TierName(Tier tier) => tier is >= Tier.InnerCircle and <= Tier.Dormant ? Tiers[(int)tier - 1] : "-";
}
