using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace ScoringGrid.Grains.Log;

/// <summary>
/// An append-only, checksummed log of opaque records on local disk, split into segment files.
/// Appends complete once their record is durable; concurrent appends share one write and one
/// fsync (group commit). Opening validates the log and cuts off a torn or damaged tail (see
/// <see cref="Recovery"/>). The file format and rules are described in README.md in this folder.
/// </summary>
/// <remarks>
/// One process at a time: the directory is locked while the log is open. Appends may come from
/// any number of threads; one dedicated writer thread does all writes.
/// </remarks>
public sealed partial class WriteAheadLog : IAsyncDisposable
{
    private const string LockFileName = "wal.lock";
    private const int MaxPooledOperations = 4096;

    private readonly string _directory;
    private readonly long _segmentSize;
    private readonly int _maxRecordSize;
    private readonly int _maxBatchBytes;
    private readonly bool _fsync;
    private readonly FileStream _lockFile;

    // Guards _queue, _closing and _failure.
    private readonly object _gate = new();
    private readonly Queue<AppendOperation> _queue = new();
    private bool _closing;
    private Exception? _failure;

    private readonly ConcurrentQueue<AppendOperation> _pool = new();
    private int _pooled;

    // Guards the list and the mutable fields of its entries.
    private readonly object _segmentsLock = new();
    private readonly List<SegmentInfo> _segments;

    private readonly Thread _writer;
    private readonly TaskCompletionSource _writerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closed;

    // Owned by the writer thread once it runs.
    private SafeFileHandle _active;
    private SegmentInfo _activeSegment;
    private long _activeLength;
    private long _nextPosition;

    private long _lastPosition;
    private long _appends;
    private long _payloadBytes;
    private long _bytesWritten;
    private long _writes;
    private long _fsyncs;
    private long _segmentsCreated;
    private long _segmentsDeleted;

    private WriteAheadLog(WriteAheadLogOptions options, string directory, FileStream lockFile, List<SegmentInfo> segments, SafeFileHandle active, LogRecoveryReport recovery, long segmentsCreated)
    {
        _directory = directory;
        _segmentSize = options.SegmentSize;
        _maxRecordSize = options.MaxRecordSize;
        _maxBatchBytes = options.MaxBatchBytes;
        _fsync = options.Fsync;
        _lockFile = lockFile;
        _segments = segments;
        _active = active;
        _activeSegment = segments[^1];
        _activeLength = _activeSegment.DurableLength;
        _nextPosition = _activeSegment.LastPosition + 1;
        _lastPosition = _activeSegment.LastPosition;
        _segmentsCreated = segmentsCreated;
        Recovery = recovery;
        _writer = new Thread(RunWriter) { IsBackground = true, Name = "wal-writer" };
        _writer.Start();
    }

    /// <summary>What <see cref="Open"/> found: segments, records, last position and any damage it cut off.</summary>
    public LogRecoveryReport Recovery { get; }

    /// <summary>The position of the last durable record (0 when the log has never held one).</summary>
    public long LastPosition => Volatile.Read(ref _lastPosition);

    /// <summary>Counters since the log was opened.</summary>
    public LogStatistics Statistics
    {
        get
        {
            int segments;
            lock (_segmentsLock)
            {
                segments = _segments.Count;
            }

            return new LogStatistics(
                Interlocked.Read(ref _appends),
                Interlocked.Read(ref _payloadBytes),
                Interlocked.Read(ref _bytesWritten),
                Interlocked.Read(ref _writes),
                Interlocked.Read(ref _fsyncs),
                segments,
                Interlocked.Read(ref _segmentsCreated),
                Interlocked.Read(ref _segmentsDeleted));
        }
    }

    /// <summary>Test hook called before each I/O step of the writer; an exception it throws acts as a failure of that step.</summary>
    internal Action<LogIoStep>? IoHook { get; set; }

    /// <summary>
    /// Opens (or creates) the log in <see cref="WriteAheadLogOptions.Directory"/>: validates every
    /// segment, truncates a torn or damaged tail, deletes segments that follow damage, and reports
    /// what it dropped in <see cref="Recovery"/> and, when anything was dropped, through
    /// <paramref name="warning"/>.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="warning">Receives one message describing any damage found (e.g. a logger's warning method).</param>
    /// <exception cref="IOException">The directory is already open in a log, or cannot be read or repaired.</exception>
    public static WriteAheadLog Open(WriteAheadLogOptions options, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(directory);
        SafeFileHandle? active = null;
        try
        {
            var recovered = LogRecovery.Run(directory, options.Fsync);
            var segments = recovered.Segments;
            var lastPosition = recovered.LastPosition;
            long created = 0;
            if (segments.Count == 0 || lastPosition < options.MinimumLastPosition)
            {
                var first = Math.Max(lastPosition, options.MinimumLastPosition) + 1;
                (active, var segment) = CreateSegment(directory, first, lastPosition, options.Fsync);
                segments.Add(segment);
                created = 1;
            }
            else
            {
                active = File.OpenHandle(segments[^1].Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
            }

            var firstRecord = segments.FirstOrDefault(s => s.HasRecords)?.FirstPosition ?? 0;
            var report = new LogRecoveryReport(directory, segments.Count, recovered.RecordCount, firstRecord, segments[^1].LastPosition, recovered.Damage);
            if (!report.IsClean)
            {
                warning?.Invoke(report.ToString());
            }

            return new WriteAheadLog(options, directory, lockFile, segments, active, report, created);
        }
        catch
        {
            active?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends a record and completes, with the record's position, once it is durable (written and
    /// flushed to stable storage together with the other appends pending at the same time).
    /// Positions are 1, 2, 3, ... in the order records are written, never reused.
    /// </summary>
    /// <param name="payload">The bytes to append; they must not change until the returned task completes.</param>
    /// <param name="cancellationToken">Observed only before the record is queued: once queued, it is written and the call completes when it is durable.</param>
    /// <exception cref="ArgumentException">The payload is larger than <see cref="WriteAheadLogOptions.MaxRecordSize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The log has been disposed.</exception>
    /// <exception cref="IOException">(From the task.) A write or fsync failed; the log accepts no more appends.</exception>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.Length > _maxRecordSize)
        {
            throw new ArgumentException(
                $"The record is {payload.Length} bytes, larger than the write-ahead log's limit (MaxRecordSize) of {_maxRecordSize} bytes.",
                nameof(payload));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<long>(cancellationToken);
        }

        var operation = RentOperation();
        operation.Payload = payload;
        lock (_gate)
        {
            if (_closing)
            {
                operation.Payload = default;
                ReturnOperation(operation);
                throw new ObjectDisposedException(nameof(WriteAheadLog), "The write-ahead log has been disposed.");
            }

            if (_failure is not null)
            {
                operation.Payload = default;
                ReturnOperation(operation);
                return ValueTask.FromException<long>(FailureFor(_failure));
            }

            _queue.Enqueue(operation);
            if (_queue.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return operation.Task;
    }

    /// <summary>
    /// The records with a position greater than <paramref name="position"/>, in order, each checked
    /// against its checksum (damage found here throws <see cref="InvalidDataException"/>). Reads
    /// the records durable when the enumeration starts; may run while appends continue. Records in
    /// segments deleted meanwhile by <see cref="DeleteSegmentsCoveredBy"/> cannot be read.
    /// </summary>
    /// <param name="position">Records at or before it are skipped (0: every record).</param>
    public IEnumerable<LogRecord> ReadAfter(long position)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        return ReadAfterCore(position);
    }

    private IEnumerable<LogRecord> ReadAfterCore(long position)
    {
        (string Path, long First, long Last, long Length)[] snapshot;
        lock (_segmentsLock)
        {
            snapshot = _segments.Where(s => s.LastPosition > position).Select(s => (s.Path, s.FirstPosition, s.LastPosition, s.DurableLength)).ToArray();
        }

        foreach (var segment in snapshot)
        {
            using var reader = new SegmentReader(segment.Path, segment.Length);
            if (reader.ReadSegmentHeader(out var headerProblem) is null)
            {
                throw new InvalidDataException($"Write-ahead log segment {segment.Path} is damaged: {headerProblem}.");
            }

            for (var expected = segment.First; expected <= segment.Last; expected++)
            {
                var wanted = expected > position;
                if (reader.ReadRecord(expected, wanted, out var record, out _, out var problem) != ReadOutcome.Record)
                {
                    throw new InvalidDataException($"Write-ahead log segment {segment.Path} is damaged at offset {reader.Offset}: {problem ?? "it ends early"}.");
                }

                if (wanted)
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>
    /// Deletes the oldest segment files whose every record has a position at or before
    /// <paramref name="position"/> (typically: covered by a checkpoint). The segment being appended
    /// to is never deleted, so numbering always continues. Returns how many files were deleted.
    /// </summary>
    /// <param name="position">The position covered.</param>
    public int DeleteSegmentsCoveredBy(long position)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        var deleted = 0;
        while (true)
        {
            lock (_segmentsLock)
            {
                if (_segments.Count < 2 || _segments[0].LastPosition > position)
                {
                    break;
                }

                // Oldest first, each deletion flushed before the next: a crash never leaves a hole in the middle.
                File.Delete(_segments[0].Path);
                _segments.RemoveAt(0);
            }

            deleted++;
            Interlocked.Increment(ref _segmentsDeleted);
            if (_fsync)
            {
                DirectorySync.Flush(_directory);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Writes every append already queued, waits until each has completed, then closes the files.
    /// Appends after disposal throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (!_closing)
            {
                _closing = true;
                Monitor.PulseAll(_gate);
            }
        }

        await _writerExited.Task.ConfigureAwait(false);
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _active.Dispose();
            _lockFile.Dispose();
        }
    }

    internal void ReturnOperation(AppendOperation operation)
    {
        if (Interlocked.Increment(ref _pooled) <= MaxPooledOperations)
        {
            _pool.Enqueue(operation);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    private AppendOperation RentOperation()
    {
        if (_pool.TryDequeue(out var operation))
        {
            Interlocked.Decrement(ref _pooled);
            return operation;
        }

        return new AppendOperation(this);
    }

    private IOException FailureFor(Exception cause) =>
        new($"The write-ahead log in {_directory} failed to write or flush a record and accepts no more appends: {cause.Message}", cause);

    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The write-ahead log in {directory} is already open (its lock file {LockFileName} is held).", ex);
        }
    }

    private static (SafeFileHandle Handle, SegmentInfo Segment) CreateSegment(string directory, long firstPosition, long previousLastPosition, bool fsync)
    {
        var path = Path.Combine(directory, SegmentFormat.FileName(firstPosition));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        try
        {
            Span<byte> header = stackalloc byte[SegmentFormat.SegmentHeaderSize];
            SegmentFormat.WriteSegmentHeader(header, firstPosition, previousLastPosition);
            RandomAccess.Write(handle, header, 0);
            if (fsync)
            {
                RandomAccess.FlushToDisk(handle);
                DirectorySync.Flush(directory);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return (handle, new SegmentInfo(path, firstPosition, firstPosition - 1, SegmentFormat.SegmentHeaderSize));
    }
}
