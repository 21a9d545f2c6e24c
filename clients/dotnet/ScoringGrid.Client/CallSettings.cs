using ScoringGrid.Rpc;

namespace ScoringGrid.Client;

/// <summary>Per-call overrides of the client's defaults.</summary>
public sealed record CallSettings
{
    /// <summary>How long the call may take, retries included; null uses the client's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>When the call must end (UTC), retries included; wins over <see cref="Timeout"/>.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>The retry policy of this call; null uses the client's. Applies only to idempotent calls.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Extra metadata sent with the call.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Settings with a timeout.</summary>
    public static CallSettings WithTimeout(TimeSpan timeout) => new() { Timeout = timeout };

    /// <summary>Settings with a deadline.</summary>
    public static CallSettings WithDeadline(DateTime deadline) => new() { Deadline = deadline };
}
