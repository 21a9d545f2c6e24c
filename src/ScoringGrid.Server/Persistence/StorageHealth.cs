using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Whether changes can be taken. While the storage provider cannot be reached, changes are
/// refused with UNAVAILABLE (never acknowledged into a log that checkpoints cannot drain); that
/// recovers as soon as a probe or a checkpoint succeeds again. Once memory has diverged from the
/// write-ahead log (a logged change could not be applied), changes are refused until the server
/// restarts and replays its log; <see cref="Diverged"/> asks the host to stop.
/// </summary>
public sealed class StorageHealth
{
    private volatile string? _problem;
    private string? _divergence;

    /// <summary>Raised once when memory diverged from the log.</summary>
    public event Action<string>? Diverged;

    /// <summary>Whether changes can be taken (storage reachable as of the last probe or operation, memory in step with the log).</summary>
    public bool IsAvailable => _problem is null && Volatile.Read(ref _divergence) is null;

    /// <summary>Whether the storage is reachable (as of the last probe or operation).</summary>
    public bool IsReachable => _problem is null;

    /// <summary>Whether memory diverged from the log (only a restart, which replays the log, mends it).</summary>
    public bool IsDiverged => Volatile.Read(ref _divergence) is not null;

    /// <summary>Why changes are refused, or null.</summary>
    public string? Problem => Volatile.Read(ref _divergence) ?? _problem;

    /// <summary>Records a failure to reach the storage.</summary>
    public void ReportUnavailable(string problem) => _problem = problem;

    /// <summary>Records a success.</summary>
    public void ReportAvailable() => _problem = null;

    /// <summary>
    /// Records that a change in the log could not be applied in memory: checkpoints stop (so the
    /// stored state never includes half of it) and every later change is refused.
    /// </summary>
    public void ReportDiverged(string problem)
    {
        var message = $"a logged change could not be applied ({problem}); the server must restart to replay its write-ahead log";
        if (Interlocked.CompareExchange(ref _divergence, message, null) is null)
        {
            Diverged?.Invoke(message);
        }
    }

    /// <summary>Throws UNAVAILABLE while changes cannot be taken.</summary>
    public void ThrowIfUnavailable()
    {
        if (Problem is { } problem)
        {
            throw Unavailable(problem);
        }
    }

    /// <summary>The status a change gets when storage or the log cannot take it.</summary>
    public static RpcException Unavailable(string problem) =>
        new(new Status(StatusCode.Unavailable, $"storage is unavailable ({problem}); nothing of this call was acknowledged, retry later"));
}
