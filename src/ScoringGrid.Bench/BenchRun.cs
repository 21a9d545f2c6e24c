using ScoringGrid.Bench.Load;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Reporting;
using ScoringGrid.Bench.Scenarios;
using ScoringGrid.Rpc;

namespace ScoringGrid.Bench;

/// <summary>
/// One run against a server: preload (query scenarios), warm-up, measurement, report. The
/// whole run, preload included, is cut off at <c>--max-time</c>.
/// </summary>
public static class BenchRun
{
    /// <summary>Interactions tallied for query targets when nothing is preloaded.</summary>
    public const int TargetsWithoutPreload = 100_000;

    /// <summary>The stream limit per HTTP/2 connection that servers commonly set (Kestrel's default).</summary>
    private const int StreamsPerConnection = 100;

    /// <summary>Runs the settings' scenario and reports it.</summary>
    /// <param name="settings">Validated settings (not <c>--emit-workload</c>).</param>
    /// <param name="environment">Where output goes.</param>
    /// <param name="cancellationToken">An interrupt.</param>
    public static async Task<int> RunAsync(BenchSettings settings, BenchEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        using var cutOff = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cutOff.CancelAfter(settings.MaxTime);
        var token = cutOff.Token;
        var startedAt = DateTimeOffset.UtcNow;
        var notes = new List<string>();
        using var channels = new ChannelPool(settings.Target, settings.Connections, settings.ApiKey);
        var context = new RunContext(settings, channels, DateTime.UtcNow + settings.MaxTime + TimeSpan.FromSeconds(30), token);
        using var source = InteractionSource.For(settings);
        var error = environment.Error;
        await error.WriteLineAsync($"ScoringGrid.Bench: {ScenarioNames.Name(settings.Scenario)} against {settings.Target}; {ModelDescription.Describe(settings)}").ConfigureAwait(false);
        if (settings.ApiKey is null)
        {
            notes.Add($"no API key was given (--api-key or {BenchSettings.ApiKeyVariable}); a server that requires one answers UNAUTHENTICATED");
        }

        if (settings.Workers > (long)settings.Connections * StreamsPerConnection)
        {
            notes.Add($"{settings.Workers} concurrent calls over {settings.Connections} connection(s): beyond about {StreamsPerConnection} streams per connection calls wait for a free stream on the client; raise --connections");
        }

        PreloadResult? preload = null;
        QueryTargets? targets = null;
        try
        {
            if (ScenarioNames.Queries(settings.Scenario))
            {
                (preload, targets) = await PrepareQueriesAsync(context, source, error, token).ConfigureAwait(false);
                if (targets.AccountCount == 0 || targets.PairCount == 0 && settings.Scenario is ScenarioKind.GetRelationship or ScenarioKind.BatchGetRelationships or ScenarioKind.Mixed)
                {
                    await error.WriteLineAsync("ScoringGrid.Bench: nothing to query: the preloaded interactions name no pairs or accounts").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }
        }
        catch (RpcException ex)
        {
            await error.WriteLineAsync($"ScoringGrid.Bench: preload failed: {CallErrors.Name(ex)}: {ex.Status.Detail}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await error.WriteLineAsync("ScoringGrid.Bench: cut off during the preload (--max-time or an interrupt)").ConfigureAwait(false);
            return ExitCodes.CutOff;
        }

        PhaseResult? warmup = null;
        PhaseResult measured;
        var feed = NeedsFeed(settings.Scenario)
            ? new BatchFeed(source.Rest(), settings.BatchSize, settings.Workload.EventPrefix, Math.Max(16, settings.Workers * 2))
            : null;
        var issuer = CreateIssuer(context, targets, feed);
        try
        {
            if (settings.Warmup > TimeSpan.Zero)
            {
                warmup = await RunPhaseAsync(environment, settings, issuer, "warmup", new LoadPlan(settings.Workers, settings.Rate, settings.Warmup, null), token).ConfigureAwait(false);
                if (warmup.StopReason == StopReason.EndOfWork)
                {
                    notes.Add("the replayed file ended during the warm-up: nothing was left to measure");
                }
            }

            measured = warmup is { StopReason: StopReason.EndOfWork or StopReason.Cancelled }
                ? new PhaseResult(new LoadPlan(settings.Workers, settings.Rate, settings.Duration, settings.Count), TimeSpan.Zero,
                    issuer.Operations.Select(o => new OperationStats(o)).ToArray(), new LatencyHistogram(), warmup.StopReason, 0)
                : await RunPhaseAsync(environment, settings, issuer, "run", new LoadPlan(settings.Workers, settings.Rate, settings.Duration, settings.Count), token).ConfigureAwait(false);
        }
        finally
        {
            if (issuer is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            if (feed is not null)
            {
                await feed.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (measured.BehindSchedule > 0)
        {
            notes.Add($"the schedule of --rate {settings.Rate} was not kept: {measured.BehindSchedule:N0} requests were due but not sent; raise --concurrency or lower --rate");
        }

        if (source.Replay is { Malformed: > 0 } malformed)
        {
            notes.Add($"{malformed.Malformed:N0} malformed lines in {malformed.Path} were skipped");
        }

        var report = new RunReport
        {
            Settings = settings,
            StartedAt = startedAt,
            Machine = MachineInfo.Current(),
            Workload = source.Description,
            Preload = preload,
            QueryTargets = targets is null ? null : (targets.PairCount, targets.AccountCount),
            Warmup = warmup,
            Measured = measured,
            Replay = source.Replay is { } replay ? (replay.Lines, replay.Interactions, replay.Skipped, replay.Malformed, replay.Errors) : null,
            Notes = notes,
        };
        SummaryWriter.Write(environment.Out, report);
        if (settings.OutPath is { } path)
        {
            try
            {
                await ResultJson.WriteAsync(path, report).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"ScoringGrid.Bench: --out: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        return report.CutOff ? ExitCodes.CutOff
            : measured.Total.Errors > 0 || (warmup?.Total.Errors ?? 0) > 0 ? ExitCodes.RequestsFailed
            : ExitCodes.Ok;
    }

    private static bool NeedsFeed(ScenarioKind kind) => kind is ScenarioKind.IngestStream or ScenarioKind.IngestUnary or ScenarioKind.LoadPairs or ScenarioKind.Mixed;

    private static IRequestIssuer CreateIssuer(RunContext context, QueryTargets? targets, BatchFeed? feed)
    {
        var settings = context.Settings;
        return settings.Scenario switch
        {
            ScenarioKind.IngestStream or ScenarioKind.LoadPairs => new IngestStreamIssuer(context, feed!, settings.Concurrency),
            ScenarioKind.IngestUnary => new IngestUnaryIssuer(context, feed!),
            ScenarioKind.Mixed => new MixedIssuer(context, targets!, feed!, settings.Workers),
            _ => new QueryIssuer(context, targets!, settings.Scenario, settings.Workers),
        };
    }

    private static async Task<(PreloadResult? Preload, QueryTargets Targets)> PrepareQueriesAsync(RunContext context, InteractionSource source, TextWriter error, CancellationToken token)
    {
        var settings = context.Settings;
        var builder = new QueryTargets.Builder();
        if (settings.Preload == 0)
        {
            foreach (var interaction in source.Take(TargetsWithoutPreload))
            {
                builder.Add(interaction);
            }

            return (null, builder.Build(settings.Workload.ZipfExponent));
        }

        await error.WriteLineAsync($"preloading {settings.Preload:N0} interactions...").ConfigureAwait(false);
        var interactions = source.Take(settings.Preload).Select(i =>
        {
            builder.Add(i);
            return i;
        });
        var preload = await Preloader.RunAsync(context, interactions, token).ConfigureAwait(false);
        await error.WriteLineAsync($"preloaded {preload.Sent:N0} interactions in {preload.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
        return (preload, builder.Build(settings.Workload.ZipfExponent));
    }

    private static async Task<PhaseResult> RunPhaseAsync(BenchEnvironment environment, BenchSettings settings, IRequestIssuer issuer, string label, LoadPlan plan, CancellationToken token)
    {
        var runner = new LoadRunner(environment.Clock, issuer, plan);
        if (settings.NoProgress)
        {
            return await runner.RunAsync(token).ConfigureAwait(false);
        }

        await using var progress = ProgressReporter.Start(environment.Error, environment.ProgressInPlace, label, runner);
        return await runner.RunAsync(token).ConfigureAwait(false);
    }
}
