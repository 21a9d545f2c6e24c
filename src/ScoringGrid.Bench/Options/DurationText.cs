using System.Globalization;

namespace ScoringGrid.Bench.Options;

/// <summary>Durations on the command line: <c>500ms</c>, <c>10s</c>, <c>1.5m</c>, <c>1h</c>, or a plain number of seconds.</summary>
public static class DurationText
{
    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns>Whether the text is a non-negative duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        var factor = 1.0;
        foreach (var (suffix, seconds) in units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && (suffix != "s" || !s.EndsWith("ms", StringComparison.Ordinal)))
            {
                s = s[..^suffix.Length];
                factor = seconds;
                break;
            }
        }

        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        var total = number * factor;
        if (total > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>A duration the way the summary prints it (<c>250ms</c>, <c>10s</c>, <c>2.5m</c>).</summary>
    /// <param name="value">The duration.</param>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        if (value < TimeSpan.FromMinutes(2))
        {
            return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }

        return value.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + "m";
    }
}
