using ScoringGrid.V1;

namespace ScoringGrid.Bench.Workload;

/// <summary>
/// How often each kind of interaction is generated (REPLY aside: replies answer earlier
/// mentions). Passive kinds dominate, as on real networks: views and likes far outnumber
/// comments, messages and mentions; conversions are rare.
/// </summary>
public static class KindMix
{
    /// <summary>The kinds and their relative weights.</summary>
    public static readonly IReadOnlyList<(InteractionKind Kind, double Weight)> Weights =
    [
        (InteractionKind.View, 25),
        (InteractionKind.Like, 30),
        (InteractionKind.Click, 5),
        (InteractionKind.Comment, 8),
        (InteractionKind.Share, 5),
        (InteractionKind.Follow, 3),
        (InteractionKind.Unfollow, 0.5),
        (InteractionKind.Mention, 8),
        (InteractionKind.DirectMessage, 8),
        (InteractionKind.Post, 4),
        (InteractionKind.Conversion, 1),
    ];

    private static readonly double[] Cumulative = BuildCumulative();

    /// <summary>Draws a kind.</summary>
    /// <param name="random">Source of randomness.</param>
    public static InteractionKind Draw(DeterministicRandom random)
    {
        var roll = random.NextDouble() * Cumulative[^1];
        for (var i = 0; i < Cumulative.Length; i++)
        {
            if (roll < Cumulative[i])
            {
                return Weights[i].Kind;
            }
        }

        return Weights[^1].Kind;
    }

    private static double[] BuildCumulative()
    {
        var cumulative = new double[Weights.Count];
        double total = 0;
        for (var i = 0; i < Weights.Count; i++)
        {
            total += Weights[i].Weight;
            cumulative[i] = total;
        }

        return cumulative;
    }
}
