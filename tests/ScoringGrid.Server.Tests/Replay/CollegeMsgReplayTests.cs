using ScoringGrid.Contracts;
using ScoringGrid.Server.Services;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using Xunit.Abstractions;

namespace ScoringGrid.Server.Tests.Replay;

/// <summary>The log replayed once into a server, shared by the replay tests.</summary>
public sealed class CollegeMsgReplayFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public CollegeMsgLog Log { get; private set; } = null!;

    public List<IngestResponse> Acks { get; } = new();

    public long AsOf => Log.Messages.Max(m => m.AtMs) + 1;

    public async Task InitializeAsync()
    {
        Log = CollegeMsgLog.Load();
        // Keep every expectation of the six-month log (the default keeps 90 days).
        Server = await ScoringServer.StartAsync("--ScoringGrid:Tenants:tenant-a:Model:ResponsivenessRetention=365.00:00:00");
        using var call = Server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream,
            new ScoringGrid.Rpc.Client.CallOptions(headers: new ScoringGrid.Rpc.Metadata().Add("authorization", "Bearer " + ScoringServer.KeyA))
                .WithTimeout(TimeSpan.FromMinutes(3)));
        var reader = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                Acks.Add(call.ResponseStream.Current);
            }
        });
        foreach (var chunk in Log.Messages.Chunk(2_000))
        {
            var batch = new IngestRequest { BatchId = "lines-" + chunk[0].Line };
            batch.Interactions.AddRange(chunk.Select(m => new Interaction
            {
                EventId = "collegemsg-" + m.Line,
                Actor = m.From,
                Target = m.To,
                Kind = InteractionKind.DirectMessage,
                OccurredAt = m.AtMs,
            }));
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        await reader;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Replays the real CollegeMsg log (59,835 private messages, each a DIRECT_MESSAGE) through the
/// streaming ingest call and checks the server's answers against figures this test computes
/// from the raw file itself.
/// </summary>
public sealed class CollegeMsgReplayTests : IClassFixture<CollegeMsgReplayFixture>
{
    private readonly ITestOutputHelper _output;
    private readonly ScoringServer _server;
    private readonly CollegeMsgLog _log;
    private readonly List<IngestResponse> _acks;
    private readonly long _asOf;

    public CollegeMsgReplayTests(CollegeMsgReplayFixture fixture, ITestOutputHelper output)
    {
        _output = output;
        _server = fixture.Server;
        _log = fixture.Log;
        _acks = fixture.Acks;
        _asOf = fixture.AsOf;
    }

    private long AsOf => _asOf;

    [Fact]
    public void Every_message_is_accepted_once()
    {
        Assert.Equal(59_835, _log.Messages.Count);
        Assert.Equal(30, _acks.Count);
        Assert.Equal((uint)_log.Messages.Count, (uint)_acks.Sum(a => a.Accepted));
        Assert.All(_acks, a => Assert.Empty(a.Rejected));
        Assert.All(_acks, a => Assert.Equal(0u, a.Duplicates));
    }

    [Fact]
    public async Task Message_counts_per_pair_and_two_way_pairs_match_the_log()
    {
        var directed = _log.DirectedCounts();
        var pairs = directed.Keys.Select(k => string.CompareOrdinal(k.From, k.To) < 0 ? (k.From, k.To) : (k.To, k.From)).Distinct()
            .OrderByDescending(p => directed.GetValueOrDefault(p) + directed.GetValueOrDefault((p.Item2, p.Item1)))
            .ThenBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();
        var sample = pairs.Take(25).Concat(pairs.Where((_, i) => i % 311 == 0)).Distinct().ToList();
        var request = new BatchGetRelationshipsRequest { AsOf = AsOf };
        request.Pairs.AddRange(sample.Select(p => new AccountPair { AccountA = p.Item1, AccountB = p.Item2 }));

        var response = await _server.Invoker.AsyncUnaryCall(ScoringGridMethods.BatchGetRelationships, ScoringServer.As(ScoringServer.KeyA), request).ResponseAsync;

        var twoWay = 0;
        for (var i = 0; i < sample.Count; i++)
        {
            var (a, b) = sample[i];
            var relationship = response.Results[i].Relationship;
            Assert.NotNull(relationship);
            var aToB = directed.GetValueOrDefault((a, b));
            var bToA = directed.GetValueOrDefault((b, a));
            Assert.Equal((ulong)aToB, relationship.AToBCounts.SingleOrDefault()?.Count ?? 0);
            Assert.Equal((ulong)bToA, relationship.BToACounts.SingleOrDefault()?.Count ?? 0);
            Assert.Equal(aToB > 0 && bToA > 0, relationship.Reciprocity > 0);
            twoWay += aToB > 0 && bToA > 0 ? 1 : 0;
        }

        _output.WriteLine($"{sample.Count} pairs checked, {twoWay} two-way");
        Assert.InRange(twoWay, 1, sample.Count - 1);
    }

    [Fact]
    public async Task Responsiveness_matches_the_log()
    {
        var slaMs = 24 * 3_600_000L;
        var busiest = _log.Messages.GroupBy(m => m.To).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(5).Concat(new[] { "1", "2", "100" }).Distinct();
        foreach (var account in busiest)
        {
            var expected = _log.Responsiveness(account, AsOf, slaMs);
            var actual = (await _server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetResponsiveness, ScoringServer.As(ScoringServer.KeyA),
                new GetResponsivenessRequest { AccountId = account, AsOf = AsOf }).ResponseAsync).Summary;

            _output.WriteLine($"account {account}: answered {expected.Answered}, open {expected.OpenWithinSla}+{expected.OpenPastSla}, samples {expected.Samples.Count}, median {expected.Percentile(0.5)} ms");
            Assert.Equal((ulong)expected.Answered, actual.Answered);
            Assert.Equal((ulong)expected.OpenPastSla, actual.OpenPastSla);
            Assert.Equal((ulong)expected.OpenWithinSla, actual.OpenWithinSla);
            Assert.Equal((ulong)expected.Samples.Count, actual.AnswerSamples);
            Assert.Equal(expected.Percentile(0.5), actual.HasMedianAnswerMs ? actual.MedianAnswerMs : null);
            Assert.Equal(expected.Percentile(0.9), actual.HasP90AnswerMs ? actual.P90AnswerMs : null);
        }
    }

    [Fact]
    public async Task Message_counts_per_account_match_the_log()
    {
        foreach (var account in new[] { "9", "323", "12", "1" })
        {
            var score = await _server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, ScoringServer.As(ScoringServer.KeyA),
                new GetAccountScoreRequest { AccountId = account, AsOf = AsOf }).ResponseAsync;

            Assert.Equal((ulong)_log.Messages.Count(m => m.From == account), score.Given.SingleOrDefault()?.Count ?? 0);
            Assert.Equal((ulong)_log.Messages.Count(m => m.To == account), score.Received.SingleOrDefault()?.Count ?? 0);
        }
    }
}
