using System.Threading.Tasks.Sources;

namespace ScoringGrid.Grains.Log;

/// <summary>
/// One pending append: the payload to write and the awaitable completed with its position once it
/// is durable. Instances are pooled and reused after their result has been read, so an append
/// allocates nothing of its own.
/// </summary>
internal sealed class AppendOperation : IValueTaskSource<long>
{
    private readonly WriteAheadLog _owner;
    private ManualResetValueTaskSourceCore<long> _core = new() { RunContinuationsAsynchronously = true };

    public AppendOperation(WriteAheadLog owner) => _owner = owner;

    /// <summary>The bytes to append; must not change until the append completes.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Size of the record on disk.</summary>
    public int RecordSize => SegmentFormat.RecordHeaderSize + Payload.Length;

    /// <summary>The awaitable for the current use.</summary>
    public ValueTask<long> Task => new(this, _core.Version);

    /// <summary>Completes the append with its position.</summary>
    public void Succeed(long position) => _core.SetResult(position);

    /// <summary>Fails the append.</summary>
    public void Fail(Exception error) => _core.SetException(error);

    /// <inheritdoc />
    public long GetResult(short token)
    {
        var current = token == _core.Version && _core.GetStatus(token) != ValueTaskSourceStatus.Pending;
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            if (current)
            {
                Payload = default;
                _core.Reset();
                _owner.ReturnOperation(this);
            }
        }
    }

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
