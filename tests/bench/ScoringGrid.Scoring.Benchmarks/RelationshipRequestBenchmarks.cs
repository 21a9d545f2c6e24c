using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// Reading one GetRelationship request as the server reads it: a pooled request located field by
/// field (ids left as UTF-8 bytes) and given back, against the generated message (an object for the
/// request, one for the pair, a string per id).
/// </summary>
[MemoryDiagnoser]
public class RelationshipRequestBenchmarks
{
    private ReadOnlySequence<byte> _payload;

    [GlobalSetup]
    public void Setup() =>
        _payload = new ReadOnlySequence<byte>(new GetRelationshipRequest
        {
            Pair = new AccountPair { AccountA = "user-00012345", AccountB = "brand-7" },
            AsOf = 1_700_000_000_000,
        }.ToByteArray());

    /// <summary>The server's way: read into a pooled request, then given back.</summary>
    [Benchmark(Baseline = true)]
    public int FieldByField()
    {
        var request = RelationshipRequest.Parse(_payload);
        var length = request.AccountA.Length + request.AccountB.Length;
        request.Release();
        return length;
    }

    /// <summary>The generated message, as the server read it before.</summary>
    [Benchmark]
    public int GeneratedMessage()
    {
        var request = GetRelationshipRequest.Parser.ParseFrom(_payload);
        return request.Pair.AccountA.Length + request.Pair.AccountB.Length;
    }
}
