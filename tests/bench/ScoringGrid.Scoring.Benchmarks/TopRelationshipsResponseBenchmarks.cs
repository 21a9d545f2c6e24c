using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Scoring.Benchmarks;

/// <summary>
/// One GetTopRelationships answer (a top 15 of an account with 100 relationships, each named by id,
/// its key turned into a value at the instant asked) as the server answers it: the listing copied
/// into a reused buffer and written field by field from a pooled reply
/// (<see cref="TopRelationshipsReply"/>), against listing into new arrays and building and
/// serialising the generated message (an object per relationship). The tier is the same constant
/// in both, so only the listing and the encoding differ.
/// </summary>
[MemoryDiagnoser]
public class TopRelationshipsResponseBenchmarks
{
    private const int Limit = 15;
    private const long AsOf = 1_700_000_000_000L;
    private const long HalfLife = 30L * 86_400_000;
    private readonly TopRelationships<int> _table = new(150, Comparer<int>.Default, lists: 3);
    private readonly string[] _ids = new string[100];
    private readonly RankedRelationship<int>[] _listing = new RankedRelationship<int>[Limit];
    private readonly byte[] _destination = new byte[4096];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int other = 0; other < 100; other++)
        {
            _ids[other] = "user-" + (10_000_000 + other * 7919);
            double key = Math.Log2(1 + (random.NextDouble() * 100)) + ((double)(AsOf - ForwardDecay.LandmarkMs) / HalfLife); // a value's key at as-of
            _table.UpdateAll(other, [key, key, key]);
        }
    }

    /// <summary>The server's way: a listing into a reused buffer, a pooled reply, its bytes, the reply given back.</summary>
    [Benchmark(Baseline = true)]
    public int Pooled()
    {
        int n = _table.Top(_listing.AsSpan(), 0);
        var reply = TopRelationshipsReply.Rent("brand-7", V1.Direction.Both, HalfLife, AsOf, n);
        for (int i = 0; i < n; i++)
        {
            ref readonly var entry = ref _listing[i];
            reply.Add(_ids[entry.Other], (uint)entry.Rank, V1.Tier.Close, ForwardDecay.KeyToValue(entry.Key, AsOf, HalfLife));
        }

        int size = reply.Size();
        reply.Write(_destination.AsSpan(0, size));
        reply.Release();
        return size;
    }

    /// <summary>The listing as new arrays (by handle, then by id) and the generated message built from it, then serialised.</summary>
    [Benchmark]
    public int GeneratedMessage()
    {
        var ranked = _table.Top(Limit, 0);
        var named = new RankedRelationship<string>[ranked.Length];
        for (int i = 0; i < ranked.Length; i++)
        {
            named[i] = new RankedRelationship<string>(_ids[ranked[i].Other], ranked[i].Key, ranked[i].Rank);
        }

        var message = new TopRelationshipsResponse
        {
            AccountId = "brand-7",
            Direction = V1.Direction.Both,
            Parameters = new ScoreParameters { HalfLifeMs = HalfLife, AsOf = AsOf },
        };
        foreach (var entry in named)
        {
            message.Relationships.Add(new V1.RankedRelationship
            {
                OtherAccount = entry.Other,
                Rank = (uint)entry.Rank,
                Tier = V1.Tier.Close,
                Score = ForwardDecay.KeyToValue(entry.Key, AsOf, HalfLife),
            });
        }

        int size = message.CalculateSize();
        message.WriteTo(_destination.AsSpan(0, size));
        return size;
    }
}
