namespace ScoringGrid.Client;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and the milliseconds since the Unix epoch the API uses.</summary>
public static class Timestamps
{
    /// <summary>Milliseconds since the Unix epoch.</summary>
    public static long ToUnixMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The instant of a number of milliseconds since the Unix epoch.</summary>
    public static DateTimeOffset FromUnixMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>The current time in milliseconds since the Unix epoch.</summary>
    public static long NowMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
