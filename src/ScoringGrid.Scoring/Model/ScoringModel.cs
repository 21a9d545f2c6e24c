using System.Globalization;

namespace ScoringGrid.Scoring;

/// <summary>
/// Every tunable number of the engagement model (design brief §4). Immutable; change settings
/// with a <c>with</c> expression (<c>ScoringModel.Default with { AccountHalfLifeMs = ... }</c>)
/// and call <see cref="Validate"/> once on a model built from configuration.
/// </summary>
/// <remarks>
/// A state's decayed sums are stored against the half-life in force when they were applied:
/// changing a half-life for existing state needs a replay of its events.
/// </remarks>
public sealed record ScoringModel
{
    /// <summary>The defaults of the design brief.</summary>
    public static ScoringModel Default { get; } = new();

    /// <summary>Weight per kind (default <see cref="KindWeights.Default"/>).</summary>
    public KindWeights Weights { get; init; } = KindWeights.Default;

    /// <summary>Half-life of a relationship's decayed engagement (default 14 days). At least one second.</summary>
    public long RelationshipHalfLifeMs { get; init; } = 14 * TimeUnits.Day;

    /// <summary>Half-life of an account's decayed engagement given and received (default 7 days). At least one second.</summary>
    public long AccountHalfLifeMs { get; init; } = 7 * TimeUnits.Day;

    /// <summary>How long an expectation may stay open before it counts against the response rate (default 24 h).</summary>
    public long ResponseSlaMs { get; init; } = 24 * TimeUnits.Hour;

    /// <summary>
    /// How far back responsiveness keeps expectations and answers (default 90 days): events before
    /// the start of the UTC day of the account's latest event minus this are dropped. Must exceed
    /// <see cref="ResponseSlaMs"/>.
    /// </summary>
    public long ResponsivenessRetentionMs { get; init; } = 90 * TimeUnits.Day;

    /// <summary>A follower is engaged when their latest engagement is within this window before as-of (default 30 days).</summary>
    public long EngagedFollowerWindowMs { get; init; } = 30 * TimeUnits.Day;

    /// <summary>Window of Kaushik's per-post rates, whole UTC days ending with the day of as-of (default 30 days).</summary>
    public long KaushikWindowMs { get; init; } = 30 * TimeUnits.Day;

    /// <summary>
    /// How many UTC days of Kaushik buckets an account keeps, counting back from the day of its latest
    /// event (default 90 days). Whole days, at least <see cref="KaushikWindowMs"/>.
    /// </summary>
    public long KaushikRetentionMs { get; init; } = 90 * TimeUnits.Day;

    /// <summary>The longest <see cref="KaushikRetentionMs"/> allowed, in days.</summary>
    public const int MaxKaushikRetentionDays = 3650;

    /// <summary>Capacity of an account's <see cref="TopRelationships{TOther}"/> (default 150).</summary>
    public int TopRelationshipsCapacity { get; init; } = 150;

    /// <summary>The largest <see cref="TopRelationshipsCapacity"/> allowed.</summary>
    public const int MaxTopRelationshipsCapacity = 100_000;

    /// <summary>
    /// A pair whose strength at as-of is below this is <see cref="Tier.Dormant"/> whatever its rank
    /// (default 0.5: the strength of a single fresh one-way LIKE, which falls below the floor one
    /// relationship half-life later).
    /// </summary>
    public double DormantFloor { get; init; } = 0.5;

    /// <summary>Last rank of the inner circle (default 5).</summary>
    public int InnerCircleMaxRank { get; init; } = 5;

    /// <summary>Last rank of close ties (default 15).</summary>
    public int CloseMaxRank { get; init; } = 15;

    /// <summary>Last rank of active ties (default 50).</summary>
    public int ActiveMaxRank { get; init; } = 50;

    /// <summary>Last rank of the network (default 150); beyond it, acquaintance.</summary>
    public int NetworkMaxRank { get; init; } = 150;

    /// <summary>Most expectations one account may have open at once (default 10,000).</summary>
    public int MaxOpenExpectationsPerAccount { get; init; } = 10_000;

    /// <summary>Longest accepted id (event_id, actor, target, in_reply_to) in UTF-8 bytes (default 256).</summary>
    public int MaxIdBytes { get; init; } = 256;

    /// <summary>Earliest accepted occurred_at (default 2000-01-01T00:00:00Z).</summary>
    public long MinOccurredAtMs { get; init; } = 946_684_800_000L;

    /// <summary>How far occurred_at may be ahead of the server's clock (default 1 day).</summary>
    public long MaxFutureSkewMs { get; init; } = TimeUnits.Day;

    /// <summary>The weight of a kind (shortcut for <c>Weights[kind]</c>).</summary>
    /// <param name="kind">The kind.</param>
    public double WeightOf(InteractionKind kind) => Weights[kind];

    /// <summary>Throws <see cref="ArgumentException"/> (with the setting as parameter name) for the first unusable setting.</summary>
    public void Validate()
    {
        if (Weights is null)
        {
            throw Bad(nameof(Weights), "is required");
        }

        for (int k = 1; k < InteractionKinds.ArrayLength; k++)
        {
            double w = Weights[(InteractionKind)k];
            if (!double.IsFinite(w) || Math.Abs(w) > 1e6)
            {
                throw Bad(nameof(Weights), string.Create(CultureInfo.InvariantCulture,
                    $"weight of {(InteractionKind)k} must be finite and within ±1e6 (got {w})"));
            }
        }

        const long maxHalfLife = 100 * 365 * TimeUnits.Day;
        CheckRange(RelationshipHalfLifeMs, TimeUnits.Second, maxHalfLife, nameof(RelationshipHalfLifeMs));
        CheckRange(AccountHalfLifeMs, TimeUnits.Second, maxHalfLife, nameof(AccountHalfLifeMs));
        CheckRange(ResponseSlaMs, 1, maxHalfLife, nameof(ResponseSlaMs));
        CheckRange(ResponsivenessRetentionMs, ResponseSlaMs + 1, maxHalfLife, nameof(ResponsivenessRetentionMs));
        CheckRange(EngagedFollowerWindowMs, 1, maxHalfLife, nameof(EngagedFollowerWindowMs));
        CheckRange(KaushikWindowMs, TimeUnits.Day, 3650 * TimeUnits.Day, nameof(KaushikWindowMs));
        CheckWholeDays(KaushikWindowMs, nameof(KaushikWindowMs));
        CheckRange(KaushikRetentionMs, KaushikWindowMs, MaxKaushikRetentionDays * TimeUnits.Day, nameof(KaushikRetentionMs));
        CheckWholeDays(KaushikRetentionMs, nameof(KaushikRetentionMs));
        CheckRange(TopRelationshipsCapacity, 1, MaxTopRelationshipsCapacity, nameof(TopRelationshipsCapacity));

        if (!double.IsFinite(DormantFloor) || DormantFloor < 0)
        {
            throw Bad(nameof(DormantFloor), "must be a finite number >= 0");
        }

        CheckRange(InnerCircleMaxRank, 1, int.MaxValue, nameof(InnerCircleMaxRank));
        CheckRange(CloseMaxRank, InnerCircleMaxRank + 1L, int.MaxValue, nameof(CloseMaxRank));
        CheckRange(ActiveMaxRank, CloseMaxRank + 1L, int.MaxValue, nameof(ActiveMaxRank));
        CheckRange(NetworkMaxRank, ActiveMaxRank + 1L, int.MaxValue, nameof(NetworkMaxRank));
        CheckRange(MaxOpenExpectationsPerAccount, 1, int.MaxValue, nameof(MaxOpenExpectationsPerAccount));
        CheckRange(MaxIdBytes, 1, 1 << 20, nameof(MaxIdBytes));
        CheckRange(MaxFutureSkewMs, 0, maxHalfLife, nameof(MaxFutureSkewMs));
    }

    private static void CheckRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw Bad(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (got {value})"));
        }
    }

    private static void CheckWholeDays(long value, string name)
    {
        if (value % TimeUnits.Day != 0)
        {
            throw Bad(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number of days ({TimeUnits.Day} ms each; got {value})"));
        }
    }

    private static ArgumentException Bad(string name, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"ScoringModel.{name} {reason}"), name);
}
