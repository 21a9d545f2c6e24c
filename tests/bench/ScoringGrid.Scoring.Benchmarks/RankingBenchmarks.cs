using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// Top-K upkeep on an account at its capacity (150 entries in each of the three lists the server
/// keeps): 64 updates of listed relationships whose keys grow, as forward-decayed keys do, and 64
/// updates of unlisted relationships that do not make the list.
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private const int Updates = 64;
    private readonly TopRelationships<int> _lists = new(150, Comparer<int>.Default, lists: 3);
    private readonly int[] _listed = new int[Updates];
    private double _growth;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int other = 0; other < 400; other++)
        {
            double key = random.NextDouble() * 100;
            for (int list = 0; list < 3; list++)
            {
                _lists.Update(other, key + list, list);
            }
        }

        var top = _lists.Top(150);
        for (int i = 0; i < Updates; i++)
        {
            _listed[i] = top[random.Next(top.Length)].Other;
        }
    }

    /// <summary>64 listed relationships move up in all three lists (key + a small growth).</summary>
    [Benchmark]
    public bool UpdateListed()
    {
        bool listed = false;
        _growth += 0.01;
        foreach (int other in _listed)
        {
            for (int list = 0; list < 3; list++)
            {
                _lists.TryGetKey(other, out double key, list);
                listed |= _lists.Update(other, key + _growth, list);
            }
        }

        return listed;
    }

    /// <summary>64 relationships too weak for the lists are refused (search, binary search, no move).</summary>
    [Benchmark]
    public bool UpdateUnlisted()
    {
        bool listed = false;
        for (int i = 0; i < Updates; i++)
        {
            for (int list = 0; list < 3; list++)
            {
                listed |= _lists.Update(10_000 + i, -1, list);
            }
        }

        return listed;
    }
}
