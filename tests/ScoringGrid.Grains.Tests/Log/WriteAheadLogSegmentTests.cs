using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class WriteAheadLogSegmentTests : IDisposable
{
    private const int SegmentSize = 1024;
    private const int PayloadSize = 112; // 128 bytes on disk: the 8th record takes a segment (32-byte header) past 1024 bytes

    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task AppendAsync(WriteAheadLog log, int fromPosition, int count)
    {
        for (var p = fromPosition; p < fromPosition + count; p++)
        {
            Assert.Equal(p, await log.AppendAsync(WalTestDirectory.Payload(PayloadSize, p)).Bounded());
        }
    }

    private static void AssertRecords(WriteAheadLog log, long after, long last)
    {
        var records = log.ReadAfter(after).ToList();
        Assert.Equal(Enumerable.Range((int)after + 1, (int)(last - after)).Select(p => (long)p), records.Select(r => r.Position));
        Assert.All(records, r => Assert.Equal(WalTestDirectory.Payload(PayloadSize, (int)r.Position), r.Payload.ToArray()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Segments_roll_at_the_size_and_reads_cross_them()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            await AppendAsync(log, 1, 50);
            Assert.Equal(7, log.Statistics.Segments);
            Assert.Equal(7, log.Statistics.SegmentsCreated);
        }

        var files = _dir.Segments();
        Assert.Equal(7, files.Length);
        Assert.Equal("00000000000000000001.wal", Path.GetFileName(files[0]));
        Assert.Equal("00000000000000000009.wal", Path.GetFileName(files[1]));
        foreach (var file in files[..^1])
        {
            // Each full segment reached the size with its last record and holds no more.
            Assert.InRange(new FileInfo(file).Length, SegmentSize, SegmentSize + 16 + PayloadSize - 1);
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(7, log.Recovery.SegmentCount);
            Assert.Equal(50, log.Recovery.RecordCount);
            AssertRecords(log, 0, 50);
            AssertRecords(log, 8, 50);
            AssertRecords(log, 9, 50);
            AssertRecords(log, 49, 50);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Deleting_covered_segments_keeps_the_rest_and_the_active_one()
    {
        await using var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize));
        await AppendAsync(log, 1, 50); // segments start at 1, 9, 17, 25, 33, 41, 49

        Assert.Equal(0, log.DeleteSegmentsCoveredBy(7));
        Assert.Equal(2, log.DeleteSegmentsCoveredBy(20)); // 1..8 and 9..16; 17..24 holds 21..24
        Assert.Equal(
            ["00000000000000000017.wal", "00000000000000000025.wal", "00000000000000000033.wal", "00000000000000000041.wal", "00000000000000000049.wal"],
            _dir.Segments().Select(Path.GetFileName));
        AssertRecords(log, 20, 50);

        Assert.Equal(4, log.DeleteSegmentsCoveredBy(long.MaxValue));
        Assert.Equal(["00000000000000000049.wal"], _dir.Segments().Select(Path.GetFileName));
        Assert.Equal(1, log.Statistics.Segments);
        Assert.Equal(6, log.Statistics.SegmentsDeleted);
        AssertRecords(log, 48, 50);
        Assert.Equal(51, await log.AppendAsync(WalTestDirectory.Payload(PayloadSize, 51)).Bounded());
    }

    [Fact(Timeout = 60_000)]
    public async Task Positions_continue_after_reopen_when_old_segments_are_gone()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            await AppendAsync(log, 1, 40);
            Assert.True(log.DeleteSegmentsCoveredBy(40) > 0);
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(40, log.LastPosition);
            Assert.Equal(33, log.Recovery.FirstPosition);
            AssertRecords(log, 32, 40);
            await AppendAsync(log, 41, 20);
            Assert.True(log.DeleteSegmentsCoveredBy(60) > 0);
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(60, log.LastPosition);
            await AppendAsync(log, 61, 1);
            AssertRecords(log, 60, 61);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_header_only_segment_keeps_numbering_when_everything_before_it_is_deleted()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            await AppendAsync(log, 1, 10);
        }

        // Continuing after a checkpoint position the log does not reach starts an empty segment at 101.
        var options = _dir.Options(segmentSize: SegmentSize);
        options.MinimumLastPosition = 100;
        await using (var log = WriteAheadLog.Open(options))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(100, log.LastPosition);
            Assert.Equal(100, log.Recovery.LastPosition);
            AssertRecords(log, 0, 10);
            Assert.Equal(2, log.DeleteSegmentsCoveredBy(100)); // 1..8 and 9..10; the empty active one stays
            Assert.Equal(["00000000000000000101.wal"], _dir.Segments().Select(Path.GetFileName));
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(0, log.Recovery.RecordCount);
            Assert.Equal(100, log.LastPosition);
            Assert.Equal(101, await log.AppendAsync(new byte[5]).Bounded());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_gap_segment_from_the_minimum_position_reads_back_across_the_gap()
    {
        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            await AppendAsync(log, 1, 3);
        }

        var options = _dir.Options(segmentSize: SegmentSize);
        options.MinimumLastPosition = 10;
        await using (var log = WriteAheadLog.Open(options))
        {
            Assert.Equal(11, await log.AppendAsync(WalTestDirectory.Payload(PayloadSize, 11)).Bounded());
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(4, log.Recovery.RecordCount);
            Assert.Equal([1L, 2, 3, 11], log.ReadAfter(0).Select(r => r.Position));
            Assert.Equal([11L], log.ReadAfter(3).Select(r => r.Position));
        }
    }
    [Fact(Timeout = 60_000)]
    public async Task Concurrent_appends_racing_with_rolls_land_in_the_right_segments()
    {
        const int count = 300;
        var payloads = Enumerable.Range(0, count).Select(i => WalTestDirectory.Payload(i % 7 * 60, i)).ToArray();
        long[] positions;
        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            positions = await Task.WhenAll(payloads.Select(p => Task.Run(async () => await log.AppendAsync(p)))).WaitAsync(WalTestExtensions.Timeout);
            Assert.Equal(Enumerable.Range(1, count).Select(p => (long)p), positions.Order());
        }

        var files = _dir.Segments();
        Assert.True(files.Length > 10);
        foreach (var file in files[..^1])
        {
            Assert.InRange(new FileInfo(file).Length, SegmentSize, SegmentSize + 16 + (6 * 60) - 1);
        }

        await using (var log = WriteAheadLog.Open(_dir.Options(segmentSize: SegmentSize)))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(files.Length, log.Recovery.SegmentCount);
            var byPosition = log.ReadAfter(0).ToDictionary(r => r.Position, r => r.Payload.ToArray());
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(payloads[i], byPosition[positions[i]]);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_round_takes_at_most_MaxBatchBytes_unless_one_record_is_larger()
    {
        var options = _dir.Options(fsync: false);
        options.MaxBatchBytes = 1000;
        await using var log = WriteAheadLog.Open(options);
        var appends = Enumerable.Range(0, 100).Select(i => log.AppendAsync(WalTestDirectory.Payload(200, i)).AsTask()).ToArray();
        await Task.WhenAll(appends).WaitAsync(WalTestExtensions.Timeout);
        Assert.True(log.Statistics.Writes >= 25, $"216-byte records, at most 4 per 1000-byte round: {log.Statistics.Writes} writes");

        Assert.Equal(101, await log.AppendAsync(new byte[5000]).Bounded());
        Assert.Equal(5000, log.ReadAfter(100).Single().Payload.Length);
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_setting()
    {
        Assert.Contains("Directory", Assert.Throws<ArgumentException>(() => WriteAheadLog.Open(new WriteAheadLogOptions())).Message);
        var small = _dir.Options(segmentSize: 100);
        Assert.Contains("SegmentSize", Assert.Throws<ArgumentOutOfRangeException>(() => WriteAheadLog.Open(small)).Message);
        var huge = _dir.Options(maxRecordSize: int.MaxValue);
        Assert.Contains("MaxRecordSize", Assert.Throws<ArgumentOutOfRangeException>(() => WriteAheadLog.Open(huge)).Message);
    }
}
