using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ScoringGrid.Server.Ingest.Wire;
using V1 = ScoringGrid.V1;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// Reading one ingest batch of 1,000 interactions from its bytes, per interaction: the server's
/// wire reader (fields located in the pooled bytes, then each interaction measured and judged by
/// the validation rules) against the generated message's parse, which makes every string.
/// </summary>
[MemoryDiagnoser]
public class IngestDecodeBenchmarks
{
    private const int Interactions = 1000;
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private byte[] _bytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var request = new V1.IngestRequest { BatchId = "batch-0001" };
        for (int i = 0; i < Interactions; i++)
        {
            request.Interactions.Add(new V1.Interaction
            {
                EventId = "event-" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                Actor = "user-" + (i * 7919 % 20_000),
                Target = i % 5 == 0 ? "brand-" + (i % 3) : "user-" + (i * 104_729 % 20_000),
                Kind = i % 5 == 0 ? V1.InteractionKind.Mention : V1.InteractionKind.Like,
                OccurredAt = Now - i,
            });
        }

        _bytes = request.ToByteArray();
    }

    /// <summary>The wire reader alone: fields located, the batch id made a string.</summary>
    [Benchmark(OperationsPerInvoke = Interactions)]
    public int WireRead()
    {
        using var request = IngestWireRequest.Parse(_bytes);
        return request.Count;
    }

    /// <summary>The server's path: located in pooled bytes, then each interaction validated.</summary>
    [Benchmark(OperationsPerInvoke = Interactions)]
    public int WireReadAndValidate()
    {
        using var request = IngestWireRequest.Parse(_bytes);
        var model = ScoringModel.Default;
        int accepted = 0;
        for (int i = 0; i < request.Count; i++)
        {
            var facts = request.Facts(i, model.MaxIdBytes);
            accepted += InteractionValidation.Validate(facts, model, Now) is null ? 1 : 0;
        }

        return accepted;
    }

    /// <summary>The generated message's parse alone (every id made a string), for comparison.</summary>
    [Benchmark(OperationsPerInvoke = Interactions, Baseline = true)]
    public int GeneratedParse() => V1.IngestRequest.Parser.ParseFrom(_bytes).Interactions.Count;
}
