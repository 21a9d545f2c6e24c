using System.Globalization;

namespace ScoringGrid.Scoring.Tests;

/// <summary>Builders for interactions and times used across the tests.</summary>
internal static class Ev
{
    /// <summary>2023-11-14T22:13:20Z, an arbitrary base for hand-worked examples.</summary>
    public const long Base = 1_700_000_000_000L;

    private static long _next;

    public static string NewId() =>
        "ev-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    public static Interaction Of(
        string actor,
        string target,
        InteractionKind kind,
        long at,
        string? id = null,
        string? inReplyTo = null,
        double value = 0,
        double? sentiment = null) =>
        new(id ?? NewId(), actor, target, kind, at, inReplyTo, value, sentiment);

    public static Interaction Post(string actor, long at, string? id = null) =>
        new(id ?? NewId(), actor, "", InteractionKind.Post, at, null, 0, null);

    public static long Hours(double h) => (long)Math.Round(h * TimeUnits.Hour);

    public static long Minutes(double m) => (long)Math.Round(m * TimeUnits.Minute);

    public static long Days(double d) => (long)Math.Round(d * TimeUnits.Day);

    public static long Utc(int year, int month = 1, int day = 1) =>
        new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
