using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class WriteAheadLogAppendTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Records_round_trip_through_a_reopen()
    {
        int[] sizes = [0, 1, 100, 70_000, 1_000_000, 5, 0, 3_000];
        var payloads = sizes.Select((size, i) => WalTestDirectory.Payload(size, i)).ToArray();

        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            Assert.True(log.Recovery.IsClean);
            Assert.Equal(0, log.LastPosition);
            for (var i = 0; i < payloads.Length; i++)
            {
                Assert.Equal(i + 1, await log.AppendAsync(payloads[i]).Bounded());
                Assert.Equal(i + 1, log.LastPosition);
            }
        }

        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(payloads.Length, log.Recovery.RecordCount);
            Assert.Equal(1, log.Recovery.FirstPosition);
            Assert.Equal(payloads.Length, log.Recovery.LastPosition);
            Assert.Equal(payloads.Length, log.LastPosition);

            var all = log.ReadAfter(0).ToList();
            Assert.Equal(Enumerable.Range(1, payloads.Length).Select(p => (long)p), all.Select(r => r.Position));
            for (var i = 0; i < payloads.Length; i++)
            {
                Assert.Equal(payloads[i], all[i].Payload.ToArray());
            }

            var rest = log.ReadAfter(3).ToList();
            Assert.Equal([4L, 5, 6, 7, 8], rest.Select(r => r.Position));
            Assert.Equal(payloads[3], rest[0].Payload.ToArray());
            Assert.Empty(log.ReadAfter(payloads.Length));

            Assert.Equal(payloads.Length + 1, await log.AppendAsync(payloads[1]).Bounded());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_appends_share_fsyncs_and_get_dense_unique_positions()
    {
        const int count = 200;
        var payloads = Enumerable.Range(0, count).Select(i => WalTestDirectory.Payload(10 + (i % 50), i)).ToArray();
        long[] positions;
        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            using var start = new ManualResetEventSlim();
            var appends = payloads.Select(p => Task.Run(async () =>
            {
                start.Wait();
                return await log.AppendAsync(p);
            })).ToArray();
            start.Set();
            positions = await Task.WhenAll(appends).WaitAsync(WalTestExtensions.Timeout);

            Assert.Equal(Enumerable.Range(1, count).Select(p => (long)p), positions.Order());
            var stats = log.Statistics;
            Assert.Equal(count, stats.Appends);
            Assert.Equal(payloads.Sum(p => (long)p.Length), stats.PayloadBytes);
            Assert.InRange(stats.Fsyncs, 1, count - 1);
            Assert.Equal(count, log.LastPosition);
        }

        await using (var reopened = WriteAheadLog.Open(_dir.Options()))
        {
            var byPosition = reopened.ReadAfter(0).ToDictionary(r => r.Position, r => r.Payload.ToArray());
            Assert.Equal(count, byPosition.Count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(payloads[i], byPosition[positions[i]]);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Appends_above_the_record_limit_are_rejected_naming_size_and_limit()
    {
        await using var log = WriteAheadLog.Open(_dir.Options(maxRecordSize: 1000));
        var error = Assert.Throws<ArgumentException>(() => { _ = log.AppendAsync(new byte[1001]); });
        Assert.Contains("1001", error.Message);
        Assert.Contains("1000", error.Message);
        Assert.Equal(1, await log.AppendAsync(new byte[1000]).Bounded());
    }

    [Fact(Timeout = 60_000)]
    public async Task Disposal_completes_queued_appends_and_later_appends_throw()
    {
        var log = WriteAheadLog.Open(_dir.Options());
        var pending = Enumerable.Range(0, 50).Select(i => log.AppendAsync(WalTestDirectory.Payload(100, i)).AsTask()).ToArray();
        await log.DisposeAsync().Bounded();

        // Every queued append succeeds. Its task completes through a continuation of its own (appends
        // complete asynchronously), which may run just after disposal returns: awaited, within a bound.
        var positions = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, 50).Select(p => (long)p), positions.Order());
        Assert.Throws<ObjectDisposedException>(() => { _ = log.AppendAsync(new byte[1]); });
        Assert.Throws<ObjectDisposedException>(() => log.ReadAfter(0));
        await log.DisposeAsync().Bounded(); // a second disposal is harmless

        await using var reopened = WriteAheadLog.Open(_dir.Options());
        Assert.Equal(50, reopened.LastPosition);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_directory_is_open_in_one_log_at_a_time()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            var error = Assert.Throws<IOException>(() => WriteAheadLog.Open(_dir.Options()));
            Assert.Contains("already open", error.Message);
        }

        await using var again = WriteAheadLog.Open(_dir.Options());
        Assert.True(again.Recovery.IsClean);
    }

    [Fact(Timeout = 60_000)]
    public async Task Reads_while_appends_run_see_a_dense_prefix()
    {
        await using var log = WriteAheadLog.Open(_dir.Options(segmentSize: 4096, fsync: false));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await log.AppendAsync(WalTestDirectory.Payload(40, i));
            }
        });

        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            var records = log.ReadAfter(0).ToList();
            for (var i = 0; i < records.Count; i++)
            {
                Assert.Equal(i + 1, records[i].Position);
                Assert.Equal(WalTestDirectory.Payload(40, i), records[i].Payload.ToArray());
            }

            reads++;
        }

        await writer.WaitAsync(WalTestExtensions.Timeout);
        Assert.Equal(2_000, log.ReadAfter(0).Count());
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelled_appends_are_not_written()
    {
        await using var log = WriteAheadLog.Open(_dir.Options());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync(new byte[3], cancelled.Token).Bounded());
        Assert.Equal(1, await log.AppendAsync(new byte[3]).Bounded());
    }
}
