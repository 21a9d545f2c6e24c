namespace ScoringGrid.Scoring;

/// <summary>
/// Durations in milliseconds. Every time in the model is milliseconds since the Unix epoch
/// (a <see cref="long"/>), always passed in: the model never reads a clock.
/// </summary>
public static class TimeUnits
{
    /// <summary>One second in milliseconds.</summary>
    public const long Second = 1000;

    /// <summary>One minute in milliseconds.</summary>
    public const long Minute = 60 * Second;

    /// <summary>One hour in milliseconds.</summary>
    public const long Hour = 60 * Minute;

    /// <summary>One day in milliseconds (UTC days: no leap seconds, no time zones).</summary>
    public const long Day = 24 * Hour;

    /// <summary>Floor division (rounds toward negative infinity).</summary>
    internal static long FloorDiv(long a, long b)
    {
        long q = a / b;
        if (a % b != 0 && (a < 0) != (b < 0))
        {
            q--;
        }

        return q;
    }

    /// <summary>UTC day number of a time (day 0 = 1970-01-01).</summary>
    internal static long DayOf(long ms) => FloorDiv(ms, Day);

    /// <summary>Start of the UTC day containing a time.</summary>
    internal static long StartOfDay(long ms) => FloorDiv(ms, Day) * Day;
}
