using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Configuration;

/// <summary>
/// Overrides of the scoring model's defaults, bound from <c>ScoringGrid:Model</c> for every
/// tenant and from <c>ScoringGrid:Tenants:&lt;tenant&gt;:Model</c> for one. Durations in
/// configuration are TimeSpans (<c>14.00:00:00</c>); weights by kind name (<c>Like: 1.5</c>).
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Weight per kind name (View, Click, Like, Follow, Share, Mention, Comment, Reply, DirectMessage, Conversion, Unfollow, Post).</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Relationship half-life.</summary>
    public TimeSpan? RelationshipHalfLife { get; set; }

    /// <summary>Account half-life.</summary>
    public TimeSpan? AccountHalfLife { get; set; }

    /// <summary>Time within which an expectation must be answered.</summary>
    public TimeSpan? ResponseSla { get; set; }

    /// <summary>How far back responsiveness keeps expectations and answers.</summary>
    public TimeSpan? ResponsivenessRetention { get; set; }

    /// <summary>Engaged-follower window.</summary>
    public TimeSpan? EngagedFollowerWindow { get; set; }

    /// <summary>Window of the per-post rates (whole days).</summary>
    public TimeSpan? PostRatesWindow { get; set; }

    /// <summary>How far back per-post rate buckets are kept (whole days).</summary>
    public TimeSpan? PostRatesRetention { get; set; }

    /// <summary>Relationships tracked per account for ranking.</summary>
    public int? TopRelationshipsCapacity { get; set; }

    /// <summary>Strength below which a relationship is dormant.</summary>
    public double? DormantFloor { get; set; }

    /// <summary>Most open expectations per account.</summary>
    public int? MaxOpenExpectationsPerAccount { get; set; }

    /// <summary>Longest id, UTF-8 bytes.</summary>
    public int? MaxIdBytes { get; set; }

    /// <summary>Applies the overrides to a model and validates the result.</summary>
    public ScoringModel ApplyTo(ScoringModel model, string section)
    {
        var weights = model.Weights;
        foreach (var (name, weight) in Weights)
        {
            if (!Enum.TryParse<InteractionKind>(name, ignoreCase: true, out var kind) || kind == InteractionKind.Unspecified)
            {
                throw new InvalidOperationException($"{section}:Weights: '{name}' is not an interaction kind.");
            }

            weights = weights.With(kind, weight);
        }

        var result = model with
        {
            Weights = weights,
            RelationshipHalfLifeMs = Ms(RelationshipHalfLife) ?? model.RelationshipHalfLifeMs,
            AccountHalfLifeMs = Ms(AccountHalfLife) ?? model.AccountHalfLifeMs,
            ResponseSlaMs = Ms(ResponseSla) ?? model.ResponseSlaMs,
            ResponsivenessRetentionMs = Ms(ResponsivenessRetention) ?? model.ResponsivenessRetentionMs,
            EngagedFollowerWindowMs = Ms(EngagedFollowerWindow) ?? model.EngagedFollowerWindowMs,
            KaushikWindowMs = Ms(PostRatesWindow) ?? model.KaushikWindowMs,
            KaushikRetentionMs = Ms(PostRatesRetention) ?? model.KaushikRetentionMs,
            TopRelationshipsCapacity = TopRelationshipsCapacity ?? model.TopRelationshipsCapacity,
            DormantFloor = DormantFloor ?? model.DormantFloor,
            MaxOpenExpectationsPerAccount = MaxOpenExpectationsPerAccount ?? model.MaxOpenExpectationsPerAccount,
            MaxIdBytes = MaxIdBytes ?? model.MaxIdBytes,
        };
        try
        {
            result.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{section}: {ex.Message}", ex);
        }

        return result;
    }

    private static long? Ms(TimeSpan? value) => value is { } v ? (long)v.TotalMilliseconds : null;
}
