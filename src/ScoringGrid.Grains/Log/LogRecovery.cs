namespace ScoringGrid.Grains.Log;

/// <summary>
/// Validates a log directory's segment files when the log opens, and cuts off damage: at the
/// first invalid record (incomplete header, impossible length, payload past the end of the file,
/// checksum mismatch, position out of sequence) or invalid segment header, that segment is
/// truncated after its last good record (or deleted when its header is bad), and every later
/// segment is deleted, because it follows damage.
/// </summary>
internal static class LogRecovery
{
    /// <summary>What recovery kept and dropped.</summary>
    /// <param name="Segments">The surviving segments, in position order.</param>
    /// <param name="LastPosition">The last position reached: the last surviving record's, or where numbering must continue from.</param>
    /// <param name="RecordCount">How many records survive.</param>
    /// <param name="Damage">What was dropped.</param>
    public sealed record Result(List<SegmentInfo> Segments, long LastPosition, long RecordCount, List<LogDamage> Damage);

    /// <summary>Scans, validates and repairs the segment files of <paramref name="directory"/>.</summary>
    public static Result Run(string directory, bool fsync)
    {
        var files = new List<(long First, string Path)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + SegmentFormat.Extension))
        {
            if (SegmentFormat.TryParseFileName(Path.GetFileName(path), out var first))
            {
                files.Add((first, path));
            }
        }

        files.Sort((a, b) => a.First.CompareTo(b.First));

        var segments = new List<SegmentInfo>();
        var damage = new List<LogDamage>();
        long records = 0;
        long? chainLast = null;     // last position of the surviving segments
        long? droppedFirst = null;  // first position named by the first dropped segment
        var damaged = false;
        var directoryChanged = false;

        for (var i = 0; i < files.Count; i++)
        {
            var (first, path) = files[i];
            var name = Path.GetFileName(path);
            var length = new FileInfo(path).Length;

            if (damaged)
            {
                long? frames;
                using (var reader = new SegmentReader(path))
                {
                    frames = reader.ReadSegmentHeader(out _) is null ? null : reader.CountFrames(SegmentFormat.SegmentHeaderSize);
                }

                damage.Add(new LogDamage(name, 0, length, frames, LogDamageReason.FollowsDamage, "the segment follows damage in an earlier segment"));
                File.Delete(path);
                directoryChanged = true;
                continue;
            }

            if (length == 0 && i == files.Count - 1)
            {
                // Created but never written (a crash right after creating it): holds nothing.
                File.Delete(path);
                directoryChanged = true;
                droppedFirst ??= first;
                continue;
            }

            LogDamage? found = null;
            long end = SegmentFormat.SegmentHeaderSize;
            long expected = first;
            using (var reader = new SegmentReader(path))
            {
                var header = reader.ReadSegmentHeader(out var problem);
                if (header is null)
                {
                    var reason = length < SegmentFormat.SegmentHeaderSize ? LogDamageReason.IncompleteSegmentHeader : LogDamageReason.BadSegmentHeader;
                    found = new LogDamage(name, 0, length, null, reason, problem!);
                }
                else if (header.Value.FirstPosition != first)
                {
                    found = new LogDamage(name, 0, length, null, LogDamageReason.BadSegmentHeader,
                        $"the file name says the segment starts at position {first}, its header says {header.Value.FirstPosition}");
                }
                else if (chainLast is { } last && header.Value.PreviousLastPosition != last)
                {
                    found = new LogDamage(name, 0, length, reader.CountFrames(SegmentFormat.SegmentHeaderSize), LogDamageReason.PositionGap,
                        $"the segment continues from position {header.Value.PreviousLastPosition}, the segment before it ends at {last}");
                }
                else
                {
                    while (true)
                    {
                        var outcome = reader.ReadRecord(expected, keepPayload: false, out _, out var reason, out var recordProblem);
                        if (outcome == ReadOutcome.Record)
                        {
                            expected++;
                            continue;
                        }

                        end = reader.Offset;
                        if (outcome == ReadOutcome.Damaged)
                        {
                            long? frames = reason switch
                            {
                                LogDamageReason.IncompleteHeader => 1,
                                LogDamageReason.ChecksumMismatch or LogDamageReason.PositionGap => reader.CountFrames(end),
                                _ => null,
                            };
                            found = new LogDamage(name, end, length - end, frames, reason, recordProblem!);
                        }

                        break;
                    }
                }
            }

            if (found is not null)
            {
                damage.Add(found);
                damaged = true;
                directoryChanged = true;
                if (found.Offset == 0)
                {
                    File.Delete(path);
                    droppedFirst ??= first;
                    continue;
                }

                Truncate(path, end, fsync);
            }

            segments.Add(new SegmentInfo(path, first, expected - 1, end));
            records += expected - first;
            chainLast = expected - 1;
        }

        if (directoryChanged && fsync)
        {
            DirectorySync.Flush(directory);
        }

        var lastPosition = chainLast ?? (droppedFirst is { } dropped ? dropped - 1 : 0);
        return new Result(segments, lastPosition, records, damage);
    }

    private static void Truncate(string path, long length, bool fsync)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        RandomAccess.SetLength(handle, length);
        if (fsync)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }
}
