namespace ScoringGrid.Scoring;

/// <summary>Maps a relationship's rank among an account's relationships to a <see cref="Tier"/>.</summary>
public static class Tiers
{
    /// <summary>
    /// The tier of a relationship: <see cref="Tier.Dormant"/> when <paramref name="strength"/> is below
    /// the model's floor; otherwise by 1-based rank against the model's bounds (5, 15, 50, 150 by default);
    /// <see cref="Tier.Acquaintance"/> beyond them or when the pair is not in the bounded top list (null rank).
    /// </summary>
    /// <param name="rank">1-based rank from <see cref="TopRelationships{TOther}.TryGetRank"/>, or null when not listed.</param>
    /// <param name="strength">The pair's strength at as-of (<see cref="RelationshipScore.Strength"/>).</param>
    /// <param name="model">Tier bounds and dormant floor.</param>
    public static Tier FromRank(int? rank, double strength, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(strength >= model.DormantFloor))
        {
            return Tier.Dormant;
        }

        if (rank is not int r || r < 1)
        {
            return Tier.Acquaintance;
        }

        if (r <= model.InnerCircleMaxRank)
        {
            return Tier.InnerCircle;
        }

        if (r <= model.CloseMaxRank)
        {
            return Tier.Close;
        }

        if (r <= model.ActiveMaxRank)
        {
            return Tier.Active;
        }

        return r <= model.NetworkMaxRank ? Tier.Network : Tier.Acquaintance;
    }
}
