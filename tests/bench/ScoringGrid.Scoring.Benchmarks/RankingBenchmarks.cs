using BenchmarkDotNet.Attributes;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// Top-K upkeep on an account past its capacity (sorted regions, 150 entries in each of the three
/// lists the server keeps): 64 updates of listed relationships whose keys grow, as forward-decayed
/// keys do, and 64 updates of unlisted relationships that do not make the list. Then an account
/// with 100 relationships (the table form): 64 updates of all three keys at once, as the server
/// makes them, and what queries ask of it (a rank, a top 10).
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private const int Updates = 64;
    private readonly TopRelationships<int> _lists = new(150, Comparer<int>.Default, lists: 3);
    private readonly int[] _listed = new int[Updates];
    private readonly TopRelationships<int> _table = new(150, Comparer<int>.Default, lists: 3);
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

        for (int other = 0; other < 100; other++)
        {
            double key = random.NextDouble() * 100;
            _table.UpdateAll(other, [key, key + 1, key + 2]);
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

    /// <summary>64 relationships of a 100-relationship account get new keys in all three lists (one call each).</summary>
    [Benchmark]
    public int TableUpdateAll()
    {
        _growth += 0.01;
        for (int i = 0; i < Updates; i++)
        {
            int other = _listed[i] % 100;
            _table.TryGetKey(other, out double key, 0);
            _table.UpdateAll(other, [key + _growth, key + 1 + _growth, key + 2 + _growth]);
        }

        return _table.Count;
    }

    /// <summary>64 ranks asked of a 100-relationship account (what GetRelationship asks of each side).</summary>
    [Benchmark]
    public int TableRank()
    {
        int sum = 0;
        for (int i = 0; i < Updates; i++)
        {
            _table.TryGetRank(_listed[i] % 100, out int rank, 0);
            sum += rank;
        }

        return sum;
    }

    /// <summary>One top 10 of a 100-relationship account (what GetTopRelationships asks).</summary>
    [Benchmark]
    public int TableTop10() => _table.Top(10, 0).Length;
}
