using BenchmarkDotNet.Attributes;
using ScoringGrid.Server.Ingest;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// The dedupe window at its capacity: 64 new events (each hashed, checked, added, and the oldest
/// evicted), then the same 64 again as retries (found, refused).
/// </summary>
[MemoryDiagnoser]
public class DedupeBenchmarks
{
    private const int Events = 64;
    private readonly EventDeduplicator _window = new(100_000, TimeSpan.FromDays(7));
    private readonly string[] _ids = new string[Events];
    private long _sequence;
    private long _seed;

    [GlobalSetup]
    public void Setup()
    {
        _seed = EventHashes.TenantSeed("bench");
        for (int i = 0; i < 100_000; i++)
        {
            _window.TryAdd(EventHashes.Of(_seed, "warm-" + i), 1);
        }

        for (int i = 0; i < Events; i++)
        {
            _ids[i] = "event-" + i;
            _window.TryAdd(EventHashes.Of(_seed, _ids[i]), 1); // what RetryDuplicates retries before any AddNew
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _window.Dispose();

    /// <summary>64 new events hashed and added (each evicting the oldest).</summary>
    [Benchmark]
    public int AddNew()
    {
        int added = 0;
        long at = ++_sequence;
        for (int i = 0; i < Events; i++)
        {
            // A fresh hash per operation: the same ids under a moving seed.
            added += _window.TryAdd(EventHashes.Of(_seed + at, _ids[i]), 2) ? 1 : 0;
        }

        return added;
    }

    /// <summary>The 64 events of the last <see cref="AddNew"/> retried: found and refused.</summary>
    [Benchmark]
    public int RetryDuplicates()
    {
        int refused = 0;
        for (int i = 0; i < Events; i++)
        {
            refused += _window.TryAdd(EventHashes.Of(_seed + _sequence, _ids[i]), 2) ? 0 : 1;
        }

        return refused;
    }
}
