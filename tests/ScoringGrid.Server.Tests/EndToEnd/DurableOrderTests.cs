using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Tests.Fixtures;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Fixtures.Interactions;

namespace ScoringGrid.Server.Tests.EndToEnd;

/// <summary>
/// With durable storage a batch is activated, then logged, then applied; batches pipelined on one
/// stream must still be logged and applied in the order they were sent, whichever finishes its
/// activation or fsync first: a retried event is a duplicate in the later batch, never the earlier.
/// </summary>
public sealed class DurableOrderTests : IAsyncLifetime
{
    private ScoringServer _server = null!;

    public async Task InitializeAsync() => _server = await ScoringServer.StartAsync("--ScoringGrid:Storage:Provider=sqlite");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Pipelined_batches_are_applied_in_the_order_sent()
    {
        const int batches = 120, fresh = 12;
        var run = Guid.NewGuid().ToString("n")[..8];
        var brand = "brand-" + run;
        using var call = _server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ScoringServer.As(ScoringServer.KeyA));
        for (var b = 0; b < batches; b++)
        {
            // New accounts in every batch (their activation reads storage), and the first event of
            // the batch before, sent again: it is this batch's duplicate.
            var items = Enumerable.Range(0, fresh)
                .Select(i => Make($"{run}-fan-{b}-{i}", $"{run}-to-{b}-{i % 3}", InteractionKind.Like, T0 + b * 100 + i, $"{run}-b{b}-{i}"))
                .Append(Make(brand + "-fan", brand, InteractionKind.Mention, T0 + b * 100 + 50, $"{run}-m{b}"));
            if (b > 0)
            {
                items = items.Prepend(Make(brand + "-fan", brand, InteractionKind.Mention, T0 + (b - 1) * 100 + 50, $"{run}-m{b - 1}"));
            }

            await call.RequestStream.WriteAsync(Batch(items.ToArray()));
        }

        await call.RequestStream.CompleteAsync();
        var acks = new List<IngestResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            acks.Add(call.ResponseStream.Current);
        }

        Assert.Equal(batches, acks.Count);
        for (var b = 0; b < batches; b++)
        {
            Assert.True(acks[b].Accepted == fresh + 1 && acks[b].Duplicates == (b == 0 ? 0u : 1u),
                $"batch {b}: {acks[b].Accepted} accepted, {acks[b].Duplicates} duplicates; expected {fresh + 1} and {(b == 0 ? 0 : 1)}");
        }

        var score = await _server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, ScoringServer.As(ScoringServer.KeyA),
            new GetAccountScoreRequest { AccountId = brand }).ResponseAsync;
        Assert.Equal((ulong)batches, score.Received.Single(c => c.Kind == InteractionKind.Mention).Count);
    }
}
