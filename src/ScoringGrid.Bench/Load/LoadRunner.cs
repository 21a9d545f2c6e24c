using ScoringGrid.Bench.Reporting;

namespace ScoringGrid.Bench.Load;

/// <summary>
/// Runs one phase of a load test: <see cref="LoadPlan.Workers"/> workers, each with one request
/// outstanding, until the duration passes, the count is reached, the work runs out or the run
/// is cancelled.
/// <list type="bullet">
/// <item>Closed model (no rate): a worker sends its next request as soon as the last one is
/// answered; latency runs from the send to the answer.</item>
/// <item>Open model (a rate): request <c>n</c> of the phase is due at <c>n / rate</c>
/// (<see cref="OpenModelSchedule"/>). One pacing thread hands the numbers out in order: it takes
/// the next free worker (waiting for one when all are busy), sleeps until the request is due (or
/// sends at once when it is already late) and starts the call on the thread pool, which measures
/// latency from the due time, so time spent waiting for a free worker counts. Sending stops when
/// the next request is due after the duration, or when the duration has passed (what was still
/// due is reported as behind schedule).</item>
/// </list>
/// Requests cut off by cancellation are not recorded.
/// </summary>
public sealed partial class LoadRunner
{
    private readonly IBenchClock _clock;
    private readonly IRequestIssuer _issuer;
    private readonly LoadPlan _plan;
    private readonly OpenModelSchedule? _schedule;
    private readonly WorkerStats[] _workers;
    private long _next;
    private long _sent;
    private int _stopReason = -1;
    private TimeSpan _start;
    private bool _started;

    /// <summary>Creates a runner for one phase.</summary>
    /// <param name="clock">The clock to measure with and wait on.</param>
    /// <param name="issuer">Sends the requests.</param>
    /// <param name="plan">Workers, rate, duration, count.</param>
    public LoadRunner(IBenchClock clock, IRequestIssuer issuer, LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Workers, 1);
        if (plan.Duration is null && plan.Count is null)
        {
            throw new ArgumentException("A phase needs a duration or a count, so that it ends by itself.", nameof(plan));
        }

        _clock = clock;
        _issuer = issuer;
        _plan = plan;
        _schedule = plan.Rate is { } rate ? new OpenModelSchedule(rate) : null;
        _workers = Enumerable.Range(0, plan.Workers).Select(_ => new WorkerStats(issuer.Operations)).ToArray();
    }

    /// <summary>Time since the phase started (0 before it starts).</summary>
    public TimeSpan Elapsed => Volatile.Read(ref _started) ? _clock.Elapsed - _start : TimeSpan.Zero;

    /// <summary>Requests answered so far.</summary>
    public long Requests => _workers.Sum(w => w.Requests);

    /// <summary>Failed requests so far.</summary>
    public long Errors => _workers.Sum(w => w.Errors);

    /// <summary>Interactions sent so far.</summary>
    public long Items => _workers.Sum(w => w.Items);

    /// <summary>Runs the phase to its end.</summary>
    /// <param name="cancellationToken">Cuts the phase off (the hard cap on run time, or an interrupt).</param>
    public async Task<PhaseResult> RunAsync(CancellationToken cancellationToken)
    {
        _start = _clock.Elapsed;
        Volatile.Write(ref _started, true);
        if (_schedule is not null)
        {
            await RunOpenModelAsync(_schedule, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var tasks = new Task[_workers.Length];
            for (var w = 0; w < tasks.Length; w++)
            {
                var worker = w;
                tasks[w] = Task.Run(() => WorkAsync(worker, cancellationToken), CancellationToken.None);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        var elapsed = _clock.Elapsed - _start;
        var operations = _issuer.Operations.Select(name => new OperationStats(name)).ToArray();
        var lag = new LatencyHistogram();
        foreach (var worker in _workers)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                operations[i].Merge(worker.Operations[i]);
            }

            lag.Merge(worker.ScheduleLag);
        }

        var reason = cancellationToken.IsCancellationRequested ? StopReason.Cancelled
            : _stopReason >= 0 ? (StopReason)_stopReason
            : StopReason.Duration;
        long behind = 0;
        if (_schedule is not null && reason == StopReason.Duration && _plan.Duration is { } duration)
        {
            var due = _schedule.DueWithin(duration);
            if (_plan.Count is { } count)
            {
                due = Math.Min(due, count);
            }

            behind = Math.Max(0, due - Interlocked.Read(ref _sent));
        }

        return new PhaseResult(_plan, elapsed, operations, lag, reason, behind);
    }

    /// <summary>A closed-model worker: the next request as soon as the last is answered.</summary>
    private async Task WorkAsync(int worker, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _stopReason) < 0)
        {
            var sequence = Interlocked.Increment(ref _next) - 1;
            if (_plan.Count is { } count && sequence >= count)
            {
                Stop(StopReason.Count);
                return;
            }

            var sent = _clock.Elapsed;
            if (_plan.Duration is { } duration && sent - _start >= duration)
            {
                Stop(StopReason.Duration);
                return;
            }

            Interlocked.Increment(ref _sent);
            if (!await IssueAndRecordAsync(worker, sequence, sent, sent, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends one request (already counted as sent) and records its answer with the worker's
    /// statistics: latency from <paramref name="intended"/>, service time from <paramref name="sent"/>.
    /// False when the phase is over for the worker: the work ran out (the request is then not
    /// counted) or the run was cut off (nothing is recorded).
    /// </summary>
    private async ValueTask<bool> IssueAndRecordAsync(int worker, long sequence, TimeSpan intended, TimeSpan sent, CancellationToken cancellationToken)
    {
        RequestOutcome outcome;
        try
        {
            outcome = await _issuer.IssueAsync(worker, sequence, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var answered = _clock.Elapsed;
        if (outcome.IsExhausted)
        {
            Interlocked.Decrement(ref _sent);
            Stop(StopReason.EndOfWork);
            return false;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        _workers[worker].Record(outcome, answered - intended, answered - sent);
        return true;
    }

    /// <summary>Ends the phase for every worker (requests in flight are still answered and recorded); the first reason is kept.</summary>
    private void Stop(StopReason reason) => Interlocked.CompareExchange(ref _stopReason, (int)reason, -1);
}
