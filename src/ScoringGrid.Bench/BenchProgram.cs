using System.CommandLine;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Replay;
using ScoringGrid.Bench.Scenarios;

namespace ScoringGrid.Bench;

/// <summary>The entry point of the load generator, used by the program and by tests.</summary>
public static class BenchProgram
{
    /// <summary>Parses a command line and runs it; returns the exit status (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Where output goes and where settings come from.</param>
    /// <param name="cancellationToken">Stops the run (as an interrupt does).</param>
    public static async Task<int> RunAsync(string[] args, BenchEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var commandLine = new BenchCommandLine();
        commandLine.Root.SetAction(async (parse, token) =>
        {
            var (settings, errors) = commandLine.Bind(parse, environment.GetVariable);
            if (settings is null)
            {
                await WriteUsageErrorsAsync(environment, errors).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (settings.EmitRequestsPath is not null)
            {
                return await EmitRequestsAsync(settings, environment, token).ConfigureAwait(false);
            }

            return settings.EmitWorkloadPath is not null
                ? await EmitAsync(settings, environment, token).ConfigureAwait(false)
                : await BenchRun.RunAsync(settings, environment, token).ConfigureAwait(false);
        });
        var parse = commandLine.Root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await WriteUsageErrorsAsync(environment, parse.Errors.Select(e => e.Message).ToArray()).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>--emit-workload: writes the interactions as JSON lines and sends nothing.</summary>
    private static async Task<int> EmitAsync(BenchSettings settings, BenchEnvironment environment, CancellationToken cancellationToken)
    {
        using var source = InteractionSource.For(settings);
        var interactions = settings.Count is { } count ? source.Take(count) : source.Rest();
        long written;
        try
        {
            written = await WorkloadWriter.WriteFileAsync(settings.EmitWorkloadPath!, interactions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await environment.Error.WriteLineAsync($"ScoringGrid.Bench: --emit-workload: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await environment.Out.WriteLineAsync($"wrote {written:N0} interactions to {settings.EmitWorkloadPath} ({source.Description})").ConfigureAwait(false);
        if (source.Replay is { Malformed: > 0 } replay)
        {
            await environment.Error.WriteLineAsync($"{replay.Malformed:N0} malformed lines skipped; first: {string.Join("; ", replay.Errors)}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>--emit-requests: writes a query scenario's requests, gRPC-framed, and sends nothing.</summary>
    private static async Task<int> EmitRequestsAsync(BenchSettings settings, BenchEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var (written, pairs, accounts) = await RequestFile.WriteAsync(settings, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(
                $"wrote {written:N0} {ScenarioNames.Name(settings.Scenario)} requests to {settings.EmitRequestsPath} (drawn from {pairs:N0} pairs and {accounts:N0} accounts)").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException)
        {
            await environment.Error.WriteLineAsync($"ScoringGrid.Bench: --emit-requests: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteUsageErrorsAsync(BenchEnvironment environment, IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
        {
            await environment.Error.WriteLineAsync("ScoringGrid.Bench: " + error).ConfigureAwait(false);
        }

        await environment.Error.WriteLineAsync("Run with --help for every option.").ConfigureAwait(false);
    }
}
