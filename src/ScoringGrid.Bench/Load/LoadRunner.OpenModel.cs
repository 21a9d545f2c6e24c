using System.Runtime.ExceptionServices;

namespace ScoringGrid.Bench.Load;

/// <summary>The open model: one pacing thread starts the calls on the schedule; their answers are handled on the thread pool.</summary>
public sealed partial class LoadRunner
{
    private Exception? _failure; // the first exception a call threw (the phase then fails with it)

    /// <summary>
    /// Paces the phase on a thread of its own (a sleeping wait there is precise, where timers on the
    /// thread pool fire late and in bursts) and returns when every call it started is answered. The
    /// pacer starts each call itself, so a request costs no hand-over between threads before it is
    /// written; the call's answer continues on the thread pool.
    /// </summary>
    private Task RunOpenModelAsync(OpenModelSchedule schedule, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            try
            {
                Pace(schedule, cancellationToken);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "open-model pacer",
        };
        pacer.Start();
        return done.Task;
    }

    private void Pace(OpenModelSchedule schedule, CancellationToken cancellationToken)
    {
        using var free = new FreeWorkers(_workers.Length);

        try
        {
            for (long sequence = 0; !cancellationToken.IsCancellationRequested && Volatile.Read(ref _stopReason) < 0; sequence++)
            {
                if (_plan.Count is { } count && sequence >= count)
                {
                    Stop(StopReason.Count);
                    break;
                }

                // The next free worker takes the number (waiting while all are busy), then its time.
                var worker = free.Take(cancellationToken);
                var offset = schedule.IntendedStart(sequence);
                if (_plan.Duration is { } duration && (offset >= duration || _clock.Elapsed - _start >= duration))
                {
                    free.Return(worker);
                    Stop(StopReason.Duration);
                    break;
                }

                if (Volatile.Read(ref _stopReason) >= 0)
                {
                    free.Return(worker);
                    break;
                }

                var intended = _start + offset;
                try
                {
                    _clock.WaitUntil(intended, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    free.Return(worker);
                    throw;
                }

                Interlocked.Increment(ref _sent);
                _ = CallAsync(worker, sequence, intended, free, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off: what is in flight ends by the same token.
        }

        // The phase ends when every call it started is answered (or cut off).
        free.TakeAll();
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>One call of the worker, which it frees when the call is answered; a call that throws fails the phase.</summary>
    private async Task CallAsync(int worker, long sequence, TimeSpan intended, FreeWorkers free, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(worker, sequence, intended, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Call failures are outcomes; anything else is a defect that ends the phase.
            Interlocked.CompareExchange(ref _failure, e, null);
            Stop(StopReason.Cancelled);
        }
        finally
        {
            free.Return(worker);
        }
    }

    /// <summary>Sends one open-model call, noting how late it left, and records its answer.</summary>
    private async Task SendAsync(int worker, long sequence, TimeSpan intended, CancellationToken cancellationToken)
    {
        var sent = _clock.Elapsed;
        _workers[worker].ScheduleLag.Record(sent - intended);
        await IssueAndRecordAsync(worker, sequence, intended, sent, cancellationToken).ConfigureAwait(false);
    }
}
