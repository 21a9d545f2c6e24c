namespace ScoringGrid.Bench.Workload;

/// <summary>
/// The distinct relationships (unordered pairs of ordinary accounts) that pair-wise interactions
/// are drawn from, in popularity order: both ends of each pair are drawn by account activity
/// (Zipf), so busy accounts have many relationships and the first pairs join busy accounts.
/// </summary>
public sealed class PairTable
{
    private readonly int[] _first;
    private readonly int[] _second;

    /// <summary>Draws <paramref name="count"/> distinct pairs among <paramref name="accounts"/> accounts.</summary>
    /// <param name="count">How many pairs (at most <see cref="WorkloadShape.MaxPairs"/> of the accounts).</param>
    /// <param name="accounts">Sampler of account ranks.</param>
    /// <param name="random">Source of randomness.</param>
    public PairTable(int count, ZipfSampler accounts, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count > WorkloadShape.MaxPairs(accounts.Elements))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"At most {WorkloadShape.MaxPairs(accounts.Elements)} pairs fit among {accounts.Elements} accounts.");
        }

        _first = new int[count];
        _second = new int[count];
        var seen = new HashSet<long>(count);
        var misses = 0;
        for (var i = 0; i < count;)
        {
            // Skewed draws repeat pairs once the busy accounts are all connected; after a run of
            // repeats, one end is drawn uniformly so that the table still fills.
            var a = accounts.Sample(random);
            var b = misses < 32 ? accounts.Sample(random) : random.NextInt64(accounts.Elements);
            if (a == b)
            {
                misses++;
                continue;
            }

            var (low, high) = a < b ? (a, b) : (b, a);
            if (!seen.Add(low * accounts.Elements + high))
            {
                misses++;
                continue;
            }

            misses = 0;
            _first[i] = (int)low;
            _second[i] = (int)high;
            i++;
        }
    }

    /// <summary>Number of pairs.</summary>
    public int Count => _first.Length;

    /// <summary>The account ranks of the pair at a popularity rank (the lower rank first).</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    public (int First, int Second) this[int index] => (_first[index], _second[index]);
}
