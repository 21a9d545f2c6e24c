using System.Buffers;
using Google.Protobuf;
using ScoringGrid.Grains.Log;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Makes changes durable before they are acknowledged: each ingest batch or account upsert is
/// appended to the write-ahead log (group commit: concurrent calls share one fsync) inside the
/// <see cref="IngestGate"/>, so that checkpoints see a consistent cut. Without durable storage
/// it only admits changes through the gate.
/// </summary>
public sealed class ChangeJournal : IAsyncDisposable
{
    private WriteAheadLog? _log;
    private long _bytesSinceCheckpoint;

    /// <summary>Creates the journal.</summary>
    public ChangeJournal(StorageOptions options, StorageHealth health)
    {
        Options = options;
        Health = health;
    }

    /// <summary>The storage options.</summary>
    public StorageOptions Options { get; }

    /// <summary>Admission of changes against checkpoints.</summary>
    public IngestGate Gate { get; } = new();

    /// <summary>Reachability of storage.</summary>
    public StorageHealth Health { get; }

    /// <summary>Whether a log is attached (durable storage).</summary>
    public bool IsDurable => _log is not null;

    /// <summary>The log, once attached.</summary>
    public WriteAheadLog? Log => _log;

    /// <summary>Log bytes appended since the last checkpoint.</summary>
    public long BytesSinceCheckpoint => Interlocked.Read(ref _bytesSinceCheckpoint);

    /// <summary>Raised when the log bytes since the last checkpoint pass the configured amount.</summary>
    public event Action? CheckpointDue;

    /// <summary>Attaches the opened log (after recovery has replayed it).</summary>
    public void Attach(WriteAheadLog log) => _log = log;

    /// <summary>Notes that a checkpoint covered everything appended so far.</summary>
    public void ResetBytesSinceCheckpoint() => Interlocked.Exchange(ref _bytesSinceCheckpoint, 0);

    /// <summary>
    /// Appends a change and waits until it is durable; returns its log position (0 without a
    /// log). A log that cannot write fails the call with UNAVAILABLE.
    /// </summary>
    public ValueTask<long> AppendAsync(LogRecordKind kind, string tenant, long nowMs, IMessage message, CancellationToken cancellationToken)
    {
        var log = _log;
        return log is null ? ValueTask.FromResult(0L) : AppendAsync(log, LogRecordCodec.Encode(kind, tenant, nowMs, message), cancellationToken);
    }

    /// <summary>
    /// Appends a change given as its request's protobuf encoding (copied before this returns) and
    /// waits until it is durable; returns its log position (0 without a log).
    /// </summary>
    public ValueTask<long> AppendAsync(LogRecordKind kind, string tenant, long nowMs, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var log = _log;
        return log is null ? ValueTask.FromResult(0L) : AppendAsync(log, LogRecordCodec.Encode(kind, tenant, nowMs, body.Span), cancellationToken);
    }

    private async ValueTask<long> AppendAsync(WriteAheadLog log, (byte[] Buffer, int Length) record, CancellationToken cancellationToken)
    {
        var (buffer, length) = record;
        try
        {
            var position = await log.AppendAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            if (Interlocked.Add(ref _bytesSinceCheckpoint, length) - length < Options.CheckpointLogBytes
                && Interlocked.Read(ref _bytesSinceCheckpoint) >= Options.CheckpointLogBytes)
            {
                CheckpointDue?.Invoke();
            }

            return position;
        }
        catch (IOException e)
        {
            throw StorageHealth.Unavailable("the write-ahead log cannot write: " + e.Message);
        }
        catch (ObjectDisposedException)
        {
            throw StorageHealth.Unavailable("the server is shutting down");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_log is { } log)
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }
    }
}
