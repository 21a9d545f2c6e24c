using ScoringGrid.Bench.Load;

namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>A scenario whose calls take a given (fake) time, fail when told to, and run out after a given number; it records when each was sent.</summary>
public sealed class FakeIssuer(FakeClock clock, Func<long, TimeSpan> callTime) : IRequestIssuer
{
    private readonly object _lock = new();

    public IReadOnlyList<string> Operations { get; } = ["Fake"];

    /// <summary>Requests after this many are refused as the end of the work; null for never.</summary>
    public long? Supply { get; init; }

    /// <summary>Which requests fail, with which status name.</summary>
    public Func<long, string?> Failure { get; init; } = _ => null;

    /// <summary>Cancels this source after this many requests; null for never.</summary>
    public (long After, CancellationTokenSource Source)? CancelAfter { get; init; }

    /// <summary>Which requests throw (a defect in a scenario, not a call failure).</summary>
    public Func<long, bool> Throws { get; init; } = _ => false;

    public List<(long Sequence, TimeSpan SentAt)> Sent { get; } = new();

    public ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken)
    {
        if (Supply is { } supply && sequence >= supply)
        {
            return ValueTask.FromResult(RequestOutcome.Exhausted);
        }

        lock (_lock)
        {
            Sent.Add((sequence, clock.Elapsed));
        }

        if (Throws(sequence))
        {
            throw new InvalidOperationException($"request {sequence} broke");
        }

        clock.Advance(callTime(sequence));
        if (CancelAfter is { } cancel && sequence + 1 >= cancel.After)
        {
            cancel.Source.Cancel();
        }

        return ValueTask.FromResult(Failure(sequence) is { } error ? RequestOutcome.Failed(0, error, 1) : RequestOutcome.Ok(0, 1));
    }
}
