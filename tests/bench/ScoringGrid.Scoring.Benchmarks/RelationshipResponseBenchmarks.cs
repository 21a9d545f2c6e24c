using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// One GetRelationship response from a pair's record, as the server answers it: a pooled reply
/// resolved and written field by field (<see cref="RelationshipReply"/>), against a new reply each
/// time and against building the generated message (a KindCount object per count) and serialising it.
/// </summary>
[MemoryDiagnoser]
public class RelationshipResponseBenchmarks
{
    private const long Base = 1_700_000_000_000L;
    private readonly byte[] _destination = new byte[1024];
    private RelationshipRecord _record;

    [GlobalSetup]
    public void Setup()
    {
        // A pair that uses six kinds each way, some of them thousands of times.
        var model = ScoringModel.Default;
        _record = RelationshipRecord.Empty;
        for (int i = 0; i < 4000; i++)
        {
            var kind = (InteractionKind)(1 + (i % 6));
            _record.Apply(i % 3 == 0, kind, Base + i * 1000L, i % 4 == 0 ? 0.5 : null, model);
        }
    }

    /// <summary>The server's way: a reply rented from the pool, its bytes, and the reply given back.</summary>
    [Benchmark(Baseline = true)]
    public int Pooled()
    {
        var reply = RelationshipReply.Rent(_record, firstIsA: false, "user-00012345", "brand-7", 3, 41, Base + 5_000_000, ScoringModel.Default);
        int size = reply.Size();
        reply.Write(_destination.AsSpan(0, size));
        reply.Release();
        return size;
    }

    /// <summary>A new reply (one object) and its bytes.</summary>
    [Benchmark]
    public int WrittenFieldByField()
    {
        var reply = new RelationshipReply(_record, firstIsA: false, "user-00012345", "brand-7", 3, 41, Base + 5_000_000, ScoringModel.Default);
        int size = reply.Size();
        reply.Write(_destination.AsSpan(0, size));
        return size;
    }

    /// <summary>The generated message built from the same reply, then serialised.</summary>
    [Benchmark]
    public int GeneratedMessage()
    {
        var reply = new RelationshipReply(_record, firstIsA: false, "user-00012345", "brand-7", 3, 41, Base + 5_000_000, ScoringModel.Default);
        var message = reply.ToMessage();
        int size = message.CalculateSize();
        message.WriteTo(_destination.AsSpan(0, size));
        return size;
    }
}
