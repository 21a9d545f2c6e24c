using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Reporting;
using ScoringGrid.Bench.Tests.Fixtures;

namespace ScoringGrid.Bench.Tests;

/// <summary>
/// The load runner with a fake clock and fake calls: the open model's intended start times,
/// latency measured from them (so queueing behind a slow call is counted), the closed model,
/// and the ways a phase ends. No real time passes, so nothing here depends on timing.
/// </summary>
public sealed class LoadRunnerTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact(Timeout = 10_000)]
    public async Task The_schedule_spaces_requests_by_the_inverse_of_the_rate()
    {
        await Task.Yield();
        var schedule = new OpenModelSchedule(200);
        Assert.Equal(TimeSpan.Zero, schedule.IntendedStart(0));
        Assert.Equal(5 * Ms, schedule.IntendedStart(1));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.IntendedStart(1000));
        Assert.Equal(200, schedule.DueWithin(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, schedule.DueWithin(TimeSpan.FromTicks(1)));
        Assert.Equal(TimeSpan.FromTicks(3_333_333), new OpenModelSchedule(3).IntendedStart(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenModelSchedule(0));
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_sends_at_the_intended_times_when_calls_are_fast()
    {
        await Task.Yield();
        var clock = new FakeClock();
        clock.Advance(TimeSpan.FromSeconds(100));
        var issuer = new FakeIssuer(clock, _ => 2 * Ms);
        var runner = new LoadRunner(clock, issuer, new LoadPlan(1, 100, null, 5));

        var result = await runner.RunAsync(CancellationToken.None);

        var start = TimeSpan.FromSeconds(100);
        Assert.Equal([start, start + 10 * Ms, start + 20 * Ms, start + 30 * Ms, start + 40 * Ms], issuer.Sent.Select(s => s.SentAt));
        Assert.Equal(5, result.Total.Requests);
        Assert.Equal(StopReason.Count, result.StopReason);
        // Never late, so latency is the call's own time.
        Assert.Equal(0, result.ScheduleLag.MaxNanoseconds);
        Assert.Equal(2_000_000, result.Total.Latency.MinNanoseconds);
        Assert.Equal(2_000_000, result.Total.Latency.MaxNanoseconds);
        Assert.Equal(42 * Ms, result.Elapsed);
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_latency_counts_the_wait_behind_slow_calls_from_the_intended_start()
    {
        await Task.Yield();
        // Due every 10 ms, each call takes 30 ms, one worker: request n is sent at 30n ms but was
        // due at 10n ms, so its latency is 30 + 20n ms, while its service time stays 30 ms.
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => 30 * Ms);
        var runner = new LoadRunner(clock, issuer, new LoadPlan(1, 100, null, 4));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal([TimeSpan.Zero, 30 * Ms, 60 * Ms, 90 * Ms], issuer.Sent.Select(s => s.SentAt));
        var latency = result.Total.Latency;
        Assert.Equal(30_000_000, latency.MinNanoseconds);
        Assert.Equal(90_000_000, latency.MaxNanoseconds);
        Assert.InRange(latency.ValueAtQuantile(0.5), 50_000_000, 50_000_000 * (1 + LatencyHistogram.RelativeError));
        Assert.Equal(30_000_000, result.Total.ServiceTime.MinNanoseconds);
        Assert.Equal(30_000_000, result.Total.ServiceTime.MaxNanoseconds);
        Assert.Equal(60_000_000, result.ScheduleLag.MaxNanoseconds);
        Assert.Empty(clock.Waits);
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_with_a_duration_reports_requests_left_behind_schedule()
    {
        await Task.Yield();
        // 100 due within 1 s at 100/s; each call takes 25 ms, so one worker sends 40 before the second has passed.
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => 25 * Ms);
        var runner = new LoadRunner(clock, issuer, new LoadPlan(1, 100, TimeSpan.FromSeconds(1), null));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(StopReason.Duration, result.StopReason);
        Assert.Equal(40, result.Total.Requests);
        Assert.Equal(60, result.BehindSchedule);
        Assert.Equal(39 * 25 * Ms - 39 * 10 * Ms + 25 * Ms, TimeSpan.FromTicks(result.Total.Latency.MaxNanoseconds / 100));
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_that_keeps_up_stops_at_the_duration_with_nothing_behind()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => Ms);
        var result = await new LoadRunner(clock, issuer, new LoadPlan(1, 50, TimeSpan.FromSeconds(2), null)).RunAsync(CancellationToken.None);
        Assert.Equal(100, result.Total.Requests);
        Assert.Equal(0, result.BehindSchedule);
        Assert.Equal(issuer.Sent.Select(s => s.Sequence * 20 * Ms), issuer.Sent.Select(s => s.SentAt));
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_with_several_workers_sends_every_number_once_and_none_early()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, n => (n % 3) * Ms);
        var schedule = new OpenModelSchedule(1_000);
        var result = await new LoadRunner(clock, issuer, new LoadPlan(8, 1_000, null, 500)).RunAsync(CancellationToken.None);

        Assert.Equal(StopReason.Count, result.StopReason);
        Assert.Equal(500, result.Total.Requests);
        Assert.Equal(Enumerable.Range(0, 500).Select(n => (long)n), issuer.Sent.Select(s => s.Sequence).Order());
        Assert.All(issuer.Sent, s => Assert.True(s.SentAt >= schedule.IntendedStart(s.Sequence), $"request {s.Sequence} sent at {s.SentAt}, before it was due"));
        Assert.Equal(500, result.ScheduleLag.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_call_that_throws_fails_the_phase_after_the_calls_in_flight_end()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => Ms) { Throws = n => n == 3 };
        var runner = new LoadRunner(clock, issuer, new LoadPlan(2, 100, null, 1_000));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(CancellationToken.None));

        Assert.Equal("request 3 broke", error.Message);
        Assert.InRange(issuer.Sent.Count, 4, 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_model_cut_off_while_waiting_for_the_schedule_ends_the_phase()
    {
        // The real clock: one request a minute, cut off after the first, so the pacer is asleep
        // waiting for the second when the cut comes.
        await Task.Yield();
        using var cut = new CancellationTokenSource();
        var clock = new StopwatchClock();
        var issuer = new RealTimeIssuer(() => cut.CancelAfter(TimeSpan.FromMilliseconds(50)));
        var result = await new LoadRunner(clock, issuer, new LoadPlan(2, 1.0 / 60, TimeSpan.FromHours(1), null)).RunAsync(cut.Token);

        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(1, result.Total.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task Closed_model_sends_back_to_back_and_measures_from_the_send()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, n => (n + 1) * Ms)
        {
            Failure = n => n % 4 == 3 ? "UNAVAILABLE" : null,
        };
        var result = await new LoadRunner(clock, issuer, new LoadPlan(1, null, null, 8)).RunAsync(CancellationToken.None);

        Assert.Equal([0, 1, 3, 6, 10, 15, 21, 28], issuer.Sent.Select(s => (int)s.SentAt.TotalMilliseconds));
        Assert.Equal(8, result.Total.Requests);
        Assert.Equal(2, result.Total.Errors);
        Assert.Equal(2, result.Total.ErrorsByStatus["UNAVAILABLE"]);
        Assert.Equal(8, result.Total.Items);
        Assert.Equal(1_000_000, result.Total.Latency.MinNanoseconds);
        Assert.Equal(8_000_000, result.Total.Latency.MaxNanoseconds);
        Assert.Equal(0, result.ScheduleLag.Count);
        Assert.Empty(clock.Waits);
    }

    [Fact(Timeout = 10_000)]
    public async Task Several_workers_share_one_count()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => TimeSpan.Zero);
        var result = await new LoadRunner(clock, issuer, new LoadPlan(4, null, null, 1_000)).RunAsync(CancellationToken.None);
        Assert.Equal(1_000, result.Total.Requests);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(n => (long)n), issuer.Sent.Select(s => s.Sequence).Order());
    }

    [Fact(Timeout = 10_000)]
    public async Task The_end_of_the_work_ends_the_phase()
    {
        await Task.Yield();
        var clock = new FakeClock();
        var issuer = new FakeIssuer(clock, _ => Ms) { Supply = 7 };
        var result = await new LoadRunner(clock, issuer, new LoadPlan(3, null, TimeSpan.FromHours(1), null)).RunAsync(CancellationToken.None);
        Assert.Equal(StopReason.EndOfWork, result.StopReason);
        Assert.Equal(7, result.Total.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_cut_off_ends_the_phase_and_what_it_cut_is_not_recorded()
    {
        await Task.Yield();
        var clock = new FakeClock();
        using var cut = new CancellationTokenSource();
        var issuer = new FakeIssuer(clock, _ => Ms) { CancelAfter = (5, cut) };
        var result = await new LoadRunner(clock, issuer, new LoadPlan(1, null, null, 1_000_000)).RunAsync(cut.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(4, result.Total.Requests);
        Assert.Equal(5, issuer.Sent.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_phase_without_a_bound_is_refused()
    {
        await Task.Yield();
        var clock = new FakeClock();
        Assert.Throws<ArgumentException>(() => new LoadRunner(clock, new FakeIssuer(clock, _ => Ms), new LoadPlan(1, null, null, null)));
    }

    /// <summary>Answers at once, calling back on its first request.</summary>
    private sealed class RealTimeIssuer(Action onFirst) : IRequestIssuer
    {
        private int _calls;

        public IReadOnlyList<string> Operations { get; } = ["Fake"];

        public ValueTask<RequestOutcome> IssueAsync(int worker, long sequence, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                onFirst();
            }

            return ValueTask.FromResult(RequestOutcome.Ok(0, 1));
        }
    }
}
