using System.Globalization;

namespace ScoringGrid.Cli.Output;

/// <summary>How numbers, instants and durations are shown in tables.</summary>
internal static class Format
{
    public static string Number(double value, int decimals = 2) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Count(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Money(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An instant in UTC, to the minute; "-" for 0 (never).</summary>
    public static string Instant(long ms) => ms == 0
        ? "-"
        : DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An instant in UTC as month-day and time, for narrow columns; "-" for 0.</summary>
    public static string ShortInstant(long ms) => ms == 0
        ? "-"
        : DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A duration in its two largest units, the second left out when zero: 45s, 12m 05s, 3h 20m, 2d 04h, 30d.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Duration(-span);
        }

        return span.TotalSeconds < 1 ? $"{span.TotalMilliseconds:0} ms"
            : span.TotalMinutes < 1 ? $"{span.TotalSeconds:0.#}s"
            : span.TotalHours < 1 ? (span.Seconds == 0 ? $"{span.Minutes}m" : $"{span.Minutes}m {span.Seconds:00}s")
            : span.TotalDays < 1 ? (span.Minutes == 0 ? $"{span.Hours}h" : $"{span.Hours}h {span.Minutes:00}m")
            : span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d {span.Hours:00}h";
    }

    public static string DurationMs(long ms) => Duration(TimeSpan.FromMilliseconds(ms));
}
