namespace ScoringGrid.Client;

/// <summary>
/// How calls that failed with UNAVAILABLE are retried. Only idempotent calls are retried: every
/// query, the health check, and ingestion (idempotent by <c>event_id</c>). A call's deadline
/// covers all of its attempts: no attempt starts after it.
/// </summary>
/// <remarks>
/// The wait before retry <c>n</c> (n = 1 after the first failure) is
/// <c>min(InitialBackoff · BackoffMultiplier^(n-1), MaxBackoff)</c>, reduced by a random
/// fraction of at most <see cref="Jitter"/> so that many clients do not retry in step.
/// </remarks>
public sealed record RetryPolicy
{
    /// <summary>The default policy: 4 attempts, 100 ms initial backoff doubling up to 2 s, 20 % jitter.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>A policy that never retries.</summary>
    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included (1 disables retries). Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts. Default 2 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Factor applied to the wait after each failed retry. Default 2.</summary>
    public double BackoffMultiplier { get; init; } = 2.0;

    /// <summary>
    /// Largest fraction of a wait removed at random, in [0, 1]: 0 waits exactly the backoff,
    /// 1 waits anywhere between 0 and the backoff. Default 0.2.
    /// </summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    /// <param name="retry">Which retry: 1 after the first failed attempt.</param>
    /// <param name="random">A value in [0, 1) that decides the jitter.</param>
    public TimeSpan GetBackoff(int retry, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = InitialBackoff.TotalMilliseconds * Math.Pow(BackoffMultiplier, retry - 1);
        var backoff = Math.Min(double.IsFinite(ceiling) ? ceiling : double.MaxValue, MaxBackoff.TotalMilliseconds);
        var jitter = Math.Clamp(Jitter, 0, 1) * Math.Clamp(random, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, backoff * (1 - jitter)));
    }

    /// <summary>Checks that the values make sense; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"RetryPolicy.MaxAttempts must be at least 1 (got {MaxAttempts}).");
        }

        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero)
        {
            throw new ArgumentException("RetryPolicy.InitialBackoff and MaxBackoff must not be negative.");
        }

        if (!(BackoffMultiplier >= 1) || !double.IsFinite(BackoffMultiplier))
        {
            throw new ArgumentException($"RetryPolicy.BackoffMultiplier must be a finite number of at least 1 (got {BackoffMultiplier}).");
        }

        if (!(Jitter is >= 0 and <= 1))
        {
            throw new ArgumentException($"RetryPolicy.Jitter must be between 0 and 1 (got {Jitter}).");
        }
    }
}
