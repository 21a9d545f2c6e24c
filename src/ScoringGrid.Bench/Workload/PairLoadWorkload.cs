using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Workload;

/// <summary>
/// The <c>load-pairs</c> workload: exactly <c>pairs</c> distinct relationships among
/// <c>accounts</c> accounts, one LIKE each, spread evenly (every account gets about
/// <c>2 · pairs / accounts</c> relationships), for measuring resident memory per relationship.
/// Pair <c>k</c> joins <c>u{k mod n}</c> and <c>u{(k mod n + 1 + k / n) mod n}</c>.
/// </summary>
public static class PairLoadWorkload
{
    /// <summary>The most pairs that <paramref name="accounts"/> accounts can hold this way.</summary>
    /// <param name="accounts">Number of accounts.</param>
    public static long MaxPairs(long accounts) => accounts * ((accounts - 1) / 2);

    /// <summary>The interactions, one per relationship.</summary>
    /// <param name="pairs">Relationships to create.</param>
    /// <param name="accounts">Accounts to spread them over.</param>
    /// <param name="eventPrefix">Prefix of the event ids.</param>
    /// <param name="startMs">occurred_at of the first (each next one is 1 ms later).</param>
    public static IEnumerable<Interaction> Interactions(long pairs, int accounts, string eventPrefix, long startMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pairs, MaxPairs(accounts));
        var ids = new string[accounts];
        for (var i = 0; i < accounts; i++)
        {
            ids[i] = AccountNames.Ordinary(i);
        }

        for (long k = 0; k < pairs; k++)
        {
            var i = (int)(k % accounts);
            var offset = 1 + (int)(k / accounts);
            yield return new Interaction
            {
                EventId = eventPrefix + k.ToString(CultureInfo.InvariantCulture),
                Actor = ids[i],
                Target = ids[(i + offset) % accounts],
                Kind = InteractionKind.Like,
                OccurredAt = startMs + k,
            };
        }
    }
}
