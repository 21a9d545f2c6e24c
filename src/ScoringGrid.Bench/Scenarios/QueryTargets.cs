using ScoringGrid.Bench.Workload;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// The pairs and accounts that queries ask about: those that occur in the interactions the
/// server holds, ranked by how often they occur, and drawn with the workload's Zipf exponent,
/// so hot keys are asked about most, as in production.
/// </summary>
public sealed class QueryTargets
{
    private readonly (string A, string B)[] _pairs;
    private readonly string[] _accounts;
    private readonly ZipfSampler? _pairSampler;
    private readonly ZipfSampler? _accountSampler;

    private QueryTargets((string A, string B)[] pairs, string[] accounts, double exponent)
    {
        _pairs = pairs;
        _accounts = accounts;
        _pairSampler = pairs.Length > 0 ? new ZipfSampler(pairs.Length, exponent) : null;
        _accountSampler = accounts.Length > 0 ? new ZipfSampler(accounts.Length, exponent) : null;
    }

    /// <summary>Distinct pairs known.</summary>
    public int PairCount => _pairs.Length;

    /// <summary>Distinct accounts known.</summary>
    public int AccountCount => _accounts.Length;

    /// <summary>Tallies interactions (e.g. the ones preloaded) into query targets.</summary>
    /// <param name="interactions">The interactions.</param>
    /// <param name="exponent">Zipf exponent of the queries over the ranked targets.</param>
    public static QueryTargets FromInteractions(IEnumerable<Interaction> interactions, double exponent)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var builder = new Builder();
        foreach (var interaction in interactions)
        {
            builder.Add(interaction);
        }

        return builder.Build(exponent);
    }

    /// <summary>A pair to query.</summary>
    /// <param name="random">The worker's generator.</param>
    public (string A, string B) Pair(DeterministicRandom random) =>
        _pairSampler is null ? throw new InvalidOperationException("No pairs to query: the preloaded interactions had none.") : _pairs[_pairSampler.Sample(random)];

    /// <summary>An account to query.</summary>
    /// <param name="random">The worker's generator.</param>
    public string Account(DeterministicRandom random) =>
        _accountSampler is null ? throw new InvalidOperationException("No accounts to query.") : _accounts[_accountSampler.Sample(random)];

    /// <summary>Tallies interactions one at a time (as they are preloaded) into query targets.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<(string, string), long> _pairs = new();
        private readonly Dictionary<string, long> _accounts = new(StringComparer.Ordinal);

        /// <summary>Counts one interaction.</summary>
        /// <param name="interaction">The interaction.</param>
        public void Add(Interaction interaction)
        {
            ArgumentNullException.ThrowIfNull(interaction);
            Count(_accounts, interaction.Actor);
            if (interaction.Target.Length == 0 || interaction.Actor.Length == 0)
            {
                return;
            }

            Count(_accounts, interaction.Target);
            var key = string.CompareOrdinal(interaction.Actor, interaction.Target) < 0
                ? (interaction.Actor, interaction.Target)
                : (interaction.Target, interaction.Actor);
            _pairs[key] = _pairs.GetValueOrDefault(key) + 1;
        }

        /// <summary>The targets, ranked by how often each occurred (ties in ordinal order).</summary>
        /// <param name="exponent">Zipf exponent of the queries over the ranks.</param>
        public QueryTargets Build(double exponent)
        {
            var pairs = _pairs
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .Select(p => p.Key)
                .ToArray();
            var accounts = _accounts
                .OrderByDescending(a => a.Value)
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.Key)
                .ToArray();
            return new QueryTargets(pairs, accounts, exponent);
        }

        private static void Count(Dictionary<string, long> counts, string key)
        {
            if (key.Length > 0)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
    }
}
