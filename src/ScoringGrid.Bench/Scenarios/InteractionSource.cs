using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Replay;
using ScoringGrid.Bench.Workload;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// The interactions a run sends, in order — synthetic, replayed from a file, or the load-pairs
/// set — consumed in parts: the preload takes the first ones, the measured phase the rest.
/// Not thread-safe (one consumer at a time; the batch feed is one).
/// </summary>
public sealed class InteractionSource : IDisposable
{
    private readonly IEnumerator<Interaction> _enumerator;
    private bool _ended;

    private InteractionSource(IEnumerable<Interaction> interactions, string description, ReplayReader? replay)
    {
        _enumerator = interactions.GetEnumerator();
        Description = description;
        Replay = replay;
    }

    /// <summary>What the interactions are, for the report.</summary>
    public string Description { get; }

    /// <summary>The file being replayed, if any (for its line counts).</summary>
    public ReplayReader? Replay { get; }

    /// <summary>Interactions taken so far.</summary>
    public long Taken { get; private set; }

    /// <summary>The source a run's settings ask for.</summary>
    /// <param name="settings">The settings.</param>
    public static InteractionSource For(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shape = settings.Workload;
        if (settings.ReplayPath is { } path)
        {
            // For ingest, parsed into memory before anything is timed (as the peer benchmarks do): parsing
            // JSON costs the client more CPU than sending, and on a machine the server shares it would be
            // measured too. Query scenarios only read the file to pick their targets before the measured
            // phase: read as a stream, so no million parsed interactions stay on the client's heap while
            // latencies are measured (its collections would show up as the server's latency).
            var reader = new ReplayReader(path, settings.ReplayFormat, shape.EventPrefix, settings.ReplayRewriteIds);
            var interactions = ScenarioNames.Queries(settings.Scenario) && settings.Scenario != ScenarioKind.Mixed
                ? reader.Read()
                : reader.Read().ToList();
            return new InteractionSource(interactions, $"replay of {path} ({ReplayFormatDetector.Name(reader.Format)})", reader);
        }

        if (settings.Scenario == ScenarioKind.LoadPairs)
        {
            return new InteractionSource(
                PairLoadWorkload.Interactions(shape.Pairs, shape.Accounts, shape.EventPrefix, shape.StartMs),
                $"{shape.Pairs:N0} distinct relationships over {shape.Accounts:N0} accounts, one LIKE each", null);
        }

        var workload = new SyntheticWorkload(shape);
        return new InteractionSource(
            workload.Endless(),
            $"synthetic: {shape.Accounts:N0} accounts, {shape.Brands} brands, {shape.Pairs:N0} pairs, zipf s={shape.ZipfExponent}, seed {shape.Seed}", null);
    }

    /// <summary>Up to <paramref name="count"/> further interactions (fewer when the source ends).</summary>
    /// <param name="count">How many.</param>
    public IEnumerable<Interaction> Take(long count)
    {
        for (long i = 0; i < count && MoveNext(); i++)
        {
            yield return _enumerator.Current;
        }
    }

    /// <summary>Every further interaction.</summary>
    public IEnumerable<Interaction> Rest()
    {
        while (MoveNext())
        {
            yield return _enumerator.Current;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _enumerator.Dispose();

    private bool MoveNext()
    {
        if (_ended || !_enumerator.MoveNext())
        {
            _ended = true;
            return false;
        }

        Taken++;
        return true;
    }
}
