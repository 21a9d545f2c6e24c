using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class WriteAheadLogRecoveryTests : IDisposable
{
    private const int SegmentSize = 1024;
    private const int PayloadSize = 112; // 128 bytes on disk: 8 records per segment

    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private WriteAheadLogOptions Options => _dir.Options(segmentSize: SegmentSize);

    private async Task WriteAsync(int count)
    {
        await using var log = WriteAheadLog.Open(Options);
        for (var p = 1; p <= count; p++)
        {
            Assert.Equal(p, await log.AppendAsync(WalTestDirectory.Payload(PayloadSize, p)).Bounded());
        }
    }

    private static void AssertRecords(WriteAheadLog log, long last)
    {
        var records = log.ReadAfter(0).ToList();
        Assert.Equal(Enumerable.Range(1, (int)last).Select(p => (long)p), records.Select(r => r.Position));
        Assert.All(records, r => Assert.Equal(WalTestDirectory.Payload(PayloadSize, (int)r.Position), r.Payload.ToArray()));
    }

    private async Task AssertAppendSurvivesReopenAsync(long expectedPosition)
    {
        await using (var log = WriteAheadLog.Open(Options))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(expectedPosition - 1, log.LastPosition);
            Assert.Equal(expectedPosition, await log.AppendAsync(WalTestDirectory.Payload(PayloadSize, (int)expectedPosition)).Bounded());
        }

        await using (var log = WriteAheadLog.Open(Options))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            AssertRecords(log, expectedPosition);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_torn_last_record_is_truncated_and_reported()
    {
        await WriteAsync(20); // segments 1 (1..8), 9 (9..16), 17 (17..20)
        var last = _dir.Segments()[^1];
        var record20 = WalTestDirectory.Records(last)[^1];
        Assert.Equal(20, record20.Position);
        var tornLength = record20.Offset + 16 + 50;
        WalTestDirectory.Truncate(last, tornLength);

        var warnings = new List<string>();
        await using (var log = WriteAheadLog.Open(Options, warnings.Add))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(Path.GetFileName(last), damage.SegmentFile);
            Assert.Equal(record20.Offset, damage.Offset);
            Assert.Equal(66, damage.BytesDropped);
            Assert.Equal(LogDamageReason.TruncatedRecord, damage.Reason);
            Assert.Equal(66, log.Recovery.BytesDropped);
            Assert.Equal(19, log.Recovery.RecordCount);
            Assert.Equal(19, log.LastPosition);
            Assert.Contains(Path.GetFileName(last), Assert.Single(warnings));
            AssertRecords(log, 19);
            Assert.Equal(record20.Offset, new FileInfo(last).Length);
        }

        await AssertAppendSurvivesReopenAsync(20);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_record_header_torn_inside_is_truncated_and_reported()
    {
        await WriteAsync(5);
        var segment = _dir.Segments()[^1];
        var record5 = WalTestDirectory.Records(segment)[^1];
        WalTestDirectory.Truncate(segment, record5.Offset + 7);

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(LogDamageReason.IncompleteHeader, damage.Reason);
            Assert.Equal(record5.Offset, damage.Offset);
            Assert.Equal(7, damage.BytesDropped);
            Assert.Equal(1, damage.RecordsDropped);
            AssertRecords(log, 4);
        }

        await AssertAppendSurvivesReopenAsync(5);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flipped_payload_byte_drops_that_record_and_the_rest_of_the_segment()
    {
        await WriteAsync(14); // segments 1 (1..8), 9 (9..14)
        var last = _dir.Segments()[^1];
        var records = WalTestDirectory.Records(last);
        var record11 = records.Single(r => r.Position == 11);
        WalTestDirectory.FlipByte(last, record11.Offset + 16 + 40, 0x01);
        var length = new FileInfo(last).Length;

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(Path.GetFileName(last), damage.SegmentFile);
            Assert.Equal(LogDamageReason.ChecksumMismatch, damage.Reason);
            Assert.Equal(record11.Offset, damage.Offset);
            Assert.Equal(length - record11.Offset, damage.BytesDropped);
            Assert.Equal(4, damage.RecordsDropped); // 11..14
            Assert.Equal(10, log.LastPosition);
            AssertRecords(log, 10);
        }

        await AssertAppendSurvivesReopenAsync(11);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flipped_byte_in_a_length_field_drops_that_record_and_the_rest()
    {
        await WriteAsync(14);
        var last = _dir.Segments()[^1];
        var record12 = WalTestDirectory.Records(last).Single(r => r.Position == 12);
        WalTestDirectory.FlipByte(last, record12.Offset + 4 + 3); // the length's high byte: negative length
        var length = new FileInfo(last).Length;

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(LogDamageReason.ImpossibleLength, damage.Reason);
            Assert.Equal(record12.Offset, damage.Offset);
            Assert.Equal(length - record12.Offset, damage.BytesDropped);
            Assert.Null(damage.RecordsDropped);
            AssertRecords(log, 11);
        }

        await AssertAppendSurvivesReopenAsync(12);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flipped_low_byte_of_a_length_field_is_caught_by_the_checksum()
    {
        await WriteAsync(14);
        var last = _dir.Segments()[^1];
        var record12 = WalTestDirectory.Records(last).Single(r => r.Position == 12);
        WalTestDirectory.FlipByte(last, record12.Offset + 4, 0x04); // 112 -> 116 bytes: still inside the file

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(LogDamageReason.ChecksumMismatch, damage.Reason);
            Assert.Equal(record12.Offset, damage.Offset);
            AssertRecords(log, 11);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_record_out_of_sequence_is_a_position_gap()
    {
        await WriteAsync(6);
        var segment = _dir.Segments()[^1];
        var record4 = WalTestDirectory.Records(segment).Single(r => r.Position == 4);

        // Rewrite record 4 as a valid record claiming position 5.
        var bytes = File.ReadAllBytes(segment);
        SegmentFormat.SealRecord(bytes.AsSpan((int)record4.Offset, 16 + record4.Length), 5);
        File.WriteAllBytes(segment, bytes);

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(LogDamageReason.PositionGap, damage.Reason);
            Assert.Equal(record4.Offset, damage.Offset);
            Assert.Equal(3, damage.RecordsDropped);
            AssertRecords(log, 3);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Damage_in_an_earlier_segment_deletes_every_later_segment()
    {
        await WriteAsync(30); // segments 1, 9, 17, 25
        var segments = _dir.Segments();
        Assert.Equal(4, segments.Length);
        var lengths = segments.Select(f => new FileInfo(f).Length).ToArray();
        var record5 = WalTestDirectory.Records(segments[0]).Single(r => r.Position == 5);
        WalTestDirectory.FlipByte(segments[0], record5.Offset + 16 + 1);

        var warnings = new List<string>();
        await using (var log = WriteAheadLog.Open(Options, warnings.Add))
        {
            var damage = log.Recovery.Damage;
            Assert.Equal(4, damage.Count);
            Assert.Equal((Path.GetFileName(segments[0]), record5.Offset, LogDamageReason.ChecksumMismatch, (long?)4),
                (damage[0].SegmentFile, damage[0].Offset, damage[0].Reason, damage[0].RecordsDropped));
            for (var i = 1; i < 4; i++)
            {
                Assert.Equal(Path.GetFileName(segments[i]), damage[i].SegmentFile);
                Assert.Equal(LogDamageReason.FollowsDamage, damage[i].Reason);
                Assert.Equal(0, damage[i].Offset);
                Assert.Equal(lengths[i], damage[i].BytesDropped);
            }

            Assert.Equal([8L, 8, 6], damage.Skip(1).Select(d => d.RecordsDropped ?? -1));
            Assert.Equal(lengths[0] - record5.Offset + lengths[1] + lengths[2] + lengths[3], log.Recovery.BytesDropped);
            Assert.Equal([segments[0]], _dir.Segments());
            Assert.Equal(4, log.LastPosition);
            Assert.Single(warnings);
            AssertRecords(log, 4);
        }

        await AssertAppendSurvivesReopenAsync(5);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_segment_header_drops_that_segment_and_the_later_ones()
    {
        await WriteAsync(30);
        var segments = _dir.Segments();
        var lengths = segments.Select(f => new FileInfo(f).Length).ToArray();
        WalTestDirectory.FlipByte(segments[2], 1); // the magic

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = log.Recovery.Damage;
            Assert.Equal(2, damage.Count);
            Assert.Equal(LogDamageReason.BadSegmentHeader, damage[0].Reason);
            Assert.Equal(Path.GetFileName(segments[2]), damage[0].SegmentFile);
            Assert.Equal(lengths[2], damage[0].BytesDropped);
            Assert.Equal(LogDamageReason.FollowsDamage, damage[1].Reason);
            Assert.Equal(lengths[3], damage[1].BytesDropped);
            Assert.Equal(segments[..2], _dir.Segments());
            AssertRecords(log, 16);
        }

        await AssertAppendSurvivesReopenAsync(17);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_middle_segment_is_a_position_gap()
    {
        await WriteAsync(30);
        var segments = _dir.Segments();
        File.Delete(segments[1]);

        await using (var log = WriteAheadLog.Open(Options))
        {
            Assert.Equal(LogDamageReason.PositionGap, log.Recovery.Damage[0].Reason);
            Assert.Equal(Path.GetFileName(segments[2]), log.Recovery.Damage[0].SegmentFile);
            Assert.Equal(2, log.Recovery.Damage.Count);
            AssertRecords(log, 8);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_incomplete_last_segment_header_is_dropped_and_numbering_continues()
    {
        await WriteAsync(8); // one full segment
        var next = Path.Combine(_dir.Path, "00000000000000000009.wal");
        await File.WriteAllBytesAsync(next, new byte[10]);

        await using (var log = WriteAheadLog.Open(Options))
        {
            var damage = Assert.Single(log.Recovery.Damage);
            Assert.Equal(LogDamageReason.IncompleteSegmentHeader, damage.Reason);
            Assert.Equal(10, damage.BytesDropped);
            Assert.Equal(8, log.LastPosition);
        }

        await AssertAppendSurvivesReopenAsync(9);
    }

    [Fact(Timeout = 60_000)]
    public async Task Empty_and_header_only_last_segments_and_stray_files_are_fine()
    {
        await using (var log = WriteAheadLog.Open(Options))
        {
            Assert.Equal(["00000000000000000001.wal"], _dir.Segments().Select(Path.GetFileName)); // header only
        }

        string[] strays = ["notes.txt", "123.wal", "00000000000000000001.wal.bak", "0000000000000000000x.wal"];
        foreach (var stray in strays)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir.Path, stray), "not a segment");
        }

        await using (var log = WriteAheadLog.Open(Options))
        {
            Assert.True(log.Recovery.IsClean, log.Recovery.ToString());
            Assert.Equal(0, log.LastPosition);
            Assert.Equal(0, log.Recovery.FirstPosition);
            Assert.Empty(log.ReadAfter(0));
        }

        await WriteAsync(8);
        await File.WriteAllBytesAsync(Path.Combine(_dir.Path, "00000000000000000009.wal"), []);
        await AssertAppendSurvivesReopenAsync(9);
        Assert.All(strays, s => Assert.True(File.Exists(Path.Combine(_dir.Path, s))));
    }
}
