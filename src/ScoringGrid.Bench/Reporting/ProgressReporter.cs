using System.Globalization;
using ScoringGrid.Bench.Load;

namespace ScoringGrid.Bench.Reporting;

/// <summary>
/// The live progress line, once a second while a phase runs: elapsed time, requests, the rate
/// over the last second, interactions (ingest) and errors. On a terminal the line is rewritten
/// in place; otherwise one line is written per second.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private readonly string _label;
    private readonly LoadRunner _runner;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastRequests;
    private TimeSpan _lastElapsed;

    private ProgressReporter(TextWriter writer, bool inPlace, string label, LoadRunner runner)
    {
        _writer = writer;
        _inPlace = inPlace;
        _label = label;
        _runner = runner;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts reporting a phase.</summary>
    /// <param name="writer">Where to write (standard error).</param>
    /// <param name="inPlace">Rewrite one line (a terminal) instead of writing one per second.</param>
    /// <param name="label">The phase's name, e.g. <c>warmup</c>.</param>
    /// <param name="runner">The phase.</param>
    public static ProgressReporter Start(TextWriter writer, bool inPlace, string label, LoadRunner runner) => new(writer, inPlace, label, runner);

    /// <summary>The progress line for a moment of a phase.</summary>
    /// <param name="label">The phase's name.</param>
    /// <param name="elapsed">Time since the phase started.</param>
    /// <param name="requests">Requests answered.</param>
    /// <param name="ratePerSecond">Requests per second lately.</param>
    /// <param name="items">Interactions sent (0 to leave out).</param>
    /// <param name="errors">Failed requests.</param>
    public static string Line(string label, TimeSpan elapsed, long requests, double ratePerSecond, long items, long errors)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{label} {elapsed.TotalSeconds,6:F1}s] requests {requests,12:N0}  rate {ratePerSecond,11:N0}/s");
        if (items > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  interactions {items,14:N0}");
        }

        return line + string.Create(CultureInfo.InvariantCulture, $"  errors {errors:N0}");
    }

    /// <summary>Stops reporting (ending an in-place line).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_inPlace && _lastElapsed > TimeSpan.Zero)
        {
            await _writer.WriteLineAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var elapsed = _runner.Elapsed;
                var requests = _runner.Requests;
                var span = (elapsed - _lastElapsed).TotalSeconds;
                var rate = span > 0 ? (requests - _lastRequests) / span : 0;
                _lastElapsed = elapsed;
                _lastRequests = requests;
                var line = Line(_label, elapsed, requests, rate, _runner.Items, _runner.Errors);
                if (_inPlace)
                {
                    await _writer.WriteAsync("\r" + line).ConfigureAwait(false);
                }
                else
                {
                    await _writer.WriteLineAsync(line).ConfigureAwait(false);
                }

                await _writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
