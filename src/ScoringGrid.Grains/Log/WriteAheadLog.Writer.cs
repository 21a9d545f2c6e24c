using System.Buffers;

namespace ScoringGrid.Grains.Log;

/// <summary>The writer thread: group commit, segment rolling and failure handling.</summary>
public sealed partial class WriteAheadLog
{
    private byte[] _buffer = [];

    private void RunWriter()
    {
        var batch = new List<AppendOperation>();
        try
        {
            while (true)
            {
                long bytes = 0;
                lock (_gate)
                {
                    while (_queue.Count == 0 && !_closing)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_queue.Count == 0)
                    {
                        return; // closing, and everything queued has been written
                    }

                    // Group commit: everything pending, up to MaxBatchBytes (at least one record).
                    while (_queue.TryPeek(out var next) && (batch.Count == 0 || bytes + next.RecordSize <= _maxBatchBytes))
                    {
                        batch.Add(_queue.Dequeue());
                        bytes += next.RecordSize;
                    }
                }

                long firstPosition;
                try
                {
                    firstPosition = WriteBatch(batch, bytes);
                }
                catch (Exception ex)
                {
                    Fail(batch, ex);
                    return;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Succeed(firstPosition + i);
                }

                batch.Clear();
            }
        }
        finally
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }

            _writerExited.TrySetResult();
        }
    }

    /// <summary>
    /// Writes the batch's records (rolling to a new segment whenever the active one has reached
    /// the segment size), flushes, and returns the position of the first record.
    /// </summary>
    private long WriteBatch(List<AppendOperation> batch, long bytes)
    {
        if (_buffer.Length < bytes)
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = [];
            _buffer = ArrayPool<byte>.Shared.Rent((int)bytes);
        }

        var firstPosition = _nextPosition;
        var position = firstPosition;
        long payloadBytes = 0;
        var index = 0;
        while (index < batch.Count)
        {
            if (_activeLength >= _segmentSize)
            {
                Roll(position);
            }

            var length = 0;
            while (index < batch.Count && (length == 0 || _activeLength + length < _segmentSize))
            {
                var operation = batch[index];
                var record = _buffer.AsSpan(length, operation.RecordSize);
                operation.Payload.Span.CopyTo(record[SegmentFormat.RecordHeaderSize..]);
                SegmentFormat.SealRecord(record, position);
                length += record.Length;
                payloadBytes += operation.Payload.Length;
                position++;
                index++;
            }

            IoHook?.Invoke(LogIoStep.Write);
            RandomAccess.Write(_active, _buffer.AsSpan(0, length), _activeLength);
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _bytesWritten, length);
            if (_fsync)
            {
                IoHook?.Invoke(LogIoStep.Fsync);
                RandomAccess.FlushToDisk(_active);
                Interlocked.Increment(ref _fsyncs);
            }

            _activeLength += length;
            lock (_segmentsLock)
            {
                _activeSegment.LastPosition = position - 1;
                _activeSegment.DurableLength = _activeLength;
            }
        }

        _nextPosition = position;
        Interlocked.Add(ref _appends, batch.Count);
        Interlocked.Add(ref _payloadBytes, payloadBytes);
        Volatile.Write(ref _lastPosition, position - 1);

        // A single huge record should not pin a huge buffer.
        if (_buffer.Length > 2L * _maxBatchBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        return firstPosition;
    }

    /// <summary>Creates the next segment, starting at <paramref name="nextPosition"/>, and makes it the active one.</summary>
    private void Roll(long nextPosition)
    {
        IoHook?.Invoke(LogIoStep.CreateSegment);
        var (handle, segment) = CreateSegment(_directory, nextPosition, nextPosition - 1, _fsync);
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytesWritten, SegmentFormat.SegmentHeaderSize);
        if (_fsync)
        {
            Interlocked.Add(ref _fsyncs, 2); // the file and its directory
        }

        lock (_segmentsLock)
        {
            _segments.Add(segment);
        }

        var previous = _active;
        _active = handle;
        _activeSegment = segment;
        _activeLength = SegmentFormat.SegmentHeaderSize;
        Interlocked.Increment(ref _segmentsCreated);
        previous.Dispose();
    }

    /// <summary>
    /// A write, flush or segment creation failed: no record of this batch can be acknowledged,
    /// and the log accepts nothing more. Fails the batch, everything queued and every later append.
    /// </summary>
    private void Fail(List<AppendOperation> batch, Exception cause)
    {
        List<AppendOperation> queued;
        lock (_gate)
        {
            _failure = cause;
            queued = [.. _queue];
            _queue.Clear();
        }

        foreach (var operation in batch.Concat(queued))
        {
            operation.Fail(FailureFor(cause));
        }

        batch.Clear();
    }
}
