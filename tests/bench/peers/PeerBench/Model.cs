namespace ScoringGrid.Bench.Peers;

/// <summary>
/// The scoring model both peers implement (design brief §4, default tenant): kind weights,
/// half-lives, the forward-decay landmark, and the relationship formulas.
/// </summary>
public static class Model
{
    /// <summary>T0 = 2020-01-01T00:00:00Z, ms since the Unix epoch.</summary>
    public const long LandmarkMs = 1_577_836_800_000L;

    /// <summary>Relationship half-life: 14 days.</summary>
    public const long RelationshipHalfLifeMs = 14L * 86_400_000L;

    /// <summary>Account aggregates half-life: 7 days.</summary>
    public const long AccountHalfLifeMs = 7L * 86_400_000L;

    /// <summary>How many interactions a top-relationships answer holds.</summary>
    public const int TopLimit = 15;

    /// <summary>Idempotency window of the Redis peer (event-id keys expire after it), seconds.</summary>
    public const int DedupeTtlSeconds = 7 * 86_400;

    /// <summary>Kind numbers as in scoringgrid.v1.InteractionKind; 0 is not valid.</summary>
    public const byte View = 1, Click = 2, Like = 3, Follow = 4, Share = 5, Mention = 6, Comment = 7,
        Reply = 8, DirectMessage = 9, Conversion = 10, Unfollow = 11, Post = 12;

    /// <summary>Weight by kind number (index 0 unused).</summary>
    public static readonly double[] Weights = [0, 0, 0.5, 1, 2, 3, 4, 6, 8, 10, 15, -5, 0];

    /// <summary>Enum names by kind number.</summary>
    public static readonly string[] KindNames =
    [
        "INTERACTION_KIND_UNSPECIFIED", "INTERACTION_KIND_VIEW", "INTERACTION_KIND_CLICK", "INTERACTION_KIND_LIKE",
        "INTERACTION_KIND_FOLLOW", "INTERACTION_KIND_SHARE", "INTERACTION_KIND_MENTION", "INTERACTION_KIND_COMMENT",
        "INTERACTION_KIND_REPLY", "INTERACTION_KIND_DIRECT_MESSAGE", "INTERACTION_KIND_CONVERSION",
        "INTERACTION_KIND_UNFOLLOW", "INTERACTION_KIND_POST",
    ];

    /// <summary>A directed kind (VIEW..UNFOLLOW) has a target and feeds a relationship.</summary>
    public static bool IsDirected(byte kind) => kind >= View && kind <= Unfollow;

    /// <summary>Kind number of an enum name (or its number as text); 0 when unknown.</summary>
    public static byte KindOf(string name)
    {
        for (byte k = 1; k < KindNames.Length; k++)
        {
            if (string.Equals(KindNames[k], name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return byte.TryParse(name, out byte n) && n >= 1 && n <= Post ? n : (byte)0;
    }

    /// <summary>The reference decay of one event: <c>w·2^(−(asOf − t)/h)</c>.</summary>
    public static double Decay(double weight, long eventMs, long asOfMs, long halfLifeMs) =>
        weight * Math.Pow(2.0, -(double)(asOfMs - eventMs) / halfLifeMs);

    /// <summary>The forward-decayed value of one event: <c>w·2^((t − T0)/h)</c>.</summary>
    public static double Forward(double weight, long eventMs, long halfLifeMs) =>
        weight * Math.Pow(2.0, (double)(eventMs - LandmarkMs) / halfLifeMs);

    /// <summary>A forward-decayed value brought to as-of: <c>v·2^(−(asOf − T0)/h)</c>.</summary>
    public static double FromForward(double forward, long asOfMs, long halfLifeMs) =>
        forward * Math.Pow(2.0, -(double)(asOfMs - LandmarkMs) / halfLifeMs);

    /// <summary>A ranking key (log2 of a forward-decayed value) brought to as-of.</summary>
    public static double KeyToValue(double key, long asOfMs, long halfLifeMs) =>
        double.IsNegativeInfinity(key) ? 0 : Math.Pow(2.0, key - (double)(asOfMs - LandmarkMs) / halfLifeMs);

    /// <summary><c>2·min(x, y)/(x + y)</c>, x and y clamped to ≥ 0; 0 when the sum is 0.</summary>
    public static double Reciprocity(double aToB, double bToA)
    {
        double x = Math.Max(0, aToB), y = Math.Max(0, bToA);
        return x + y > 0 ? 2 * Math.Min(x, y) / (x + y) : 0;
    }

    /// <summary><c>(x + y)·(0.5 + 0.5·reciprocity)</c>, x and y clamped to ≥ 0.</summary>
    public static double Strength(double aToB, double bToA)
    {
        double x = Math.Max(0, aToB), y = Math.Max(0, bToA);
        return (x + y) * (0.5 + 0.5 * Reciprocity(x, y));
    }

    /// <summary>Orders a pair ordinally: (a, b) with a &lt; b, and whether the actor is b.</summary>
    public static (string A, string B, bool ActorIsB) OrderPair(string actor, string target) =>
        string.CompareOrdinal(actor, target) < 0 ? (actor, target, false) : (target, actor, true);
}
