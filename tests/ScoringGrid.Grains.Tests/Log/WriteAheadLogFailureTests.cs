using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class WriteAheadLogFailureTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_failing_fsync_faults_the_append_and_every_later_one()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            Assert.Equal(1, await log.AppendAsync(new byte[10]).Bounded());
            log.IoHook = step =>
            {
                if (step == LogIoStep.Fsync)
                {
                    throw new IOException("injected fsync failure");
                }
            };

            var error = await Assert.ThrowsAsync<IOException>(() => log.AppendAsync(new byte[10]).Bounded());
            Assert.Contains("injected fsync failure", error.Message);
            Assert.Equal(1, log.LastPosition);

            log.IoHook = null;
            await Assert.ThrowsAsync<IOException>(() => log.AppendAsync(new byte[10]).Bounded());
            Assert.Equal(1, log.Statistics.Appends);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failing_write_faults_the_batch_and_everything_queued_behind_it()
    {
        using var writeStarted = new ManualResetEventSlim();
        using var releaseWrite = new ManualResetEventSlim();
        await using (var log = WriteAheadLog.Open(_dir.Options()))
        {
            log.IoHook = step =>
            {
                if (step == LogIoStep.Write)
                {
                    writeStarted.Set();
                    releaseWrite.Wait(WalTestExtensions.Timeout);
                    throw new IOException("injected write failure");
                }
            };

            var first = log.AppendAsync(new byte[10]).AsTask();
            Assert.True(writeStarted.Wait(WalTestExtensions.Timeout));
            var queued = Enumerable.Range(0, 20).Select(_ => log.AppendAsync(new byte[10]).AsTask()).ToArray();
            releaseWrite.Set();

            foreach (var append in queued.Prepend(first))
            {
                await Assert.ThrowsAsync<IOException>(() => append.WaitAsync(WalTestExtensions.Timeout));
            }

            await Assert.ThrowsAsync<IOException>(() => log.AppendAsync(new byte[10]).Bounded());
        }

        // Nothing was acknowledged, and nothing was written.
        await using var reopened = WriteAheadLog.Open(_dir.Options());
        Assert.True(reopened.Recovery.IsClean, reopened.Recovery.ToString());
        Assert.Equal(0, reopened.LastPosition);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failing_segment_roll_faults_the_appends()
    {
        await using var log = WriteAheadLog.Open(_dir.Options(segmentSize: 256));
        Assert.Equal(1, await log.AppendAsync(new byte[300]).Bounded());
        log.IoHook = step =>
        {
            if (step == LogIoStep.CreateSegment)
            {
                throw new UnauthorizedAccessException("injected permission failure");
            }
        };

        var error = await Assert.ThrowsAsync<IOException>(() => log.AppendAsync(new byte[10]).Bounded());
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
    }
}
