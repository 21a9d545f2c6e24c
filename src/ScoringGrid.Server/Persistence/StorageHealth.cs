using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Whether the storage provider can be reached. While it cannot, changes are refused with
/// UNAVAILABLE (never acknowledged into a log that checkpoints cannot drain); it recovers as
/// soon as a probe or a checkpoint succeeds again.
/// </summary>
public sealed class StorageHealth
{
    private volatile string? _problem;

    /// <summary>Whether the storage is reachable (as of the last probe or operation).</summary>
    public bool IsAvailable => _problem is null;

    /// <summary>Why it is not, or null.</summary>
    public string? Problem => _problem;

    /// <summary>Records a failure to reach the storage.</summary>
    public void ReportUnavailable(string problem) => _problem = problem;

    /// <summary>Records a success.</summary>
    public void ReportAvailable() => _problem = null;

    /// <summary>Throws UNAVAILABLE while the storage cannot be reached.</summary>
    public void ThrowIfUnavailable()
    {
        if (_problem is { } problem)
        {
            throw Unavailable(problem);
        }
    }

    /// <summary>The status a change gets when storage or the log cannot take it.</summary>
    public static RpcException Unavailable(string problem) =>
        new(new Status(StatusCode.Unavailable, $"storage is unavailable ({problem}); nothing of this call was acknowledged, retry later"));
}
