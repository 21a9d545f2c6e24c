using System.Text.RegularExpressions;
using ScoringGrid.Durability.Tests.Fixtures;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// A graceful stop (SIGTERM) ends with a last checkpoint, within the time shutdown has
/// (ScoringGrid:ShutdownTimeout). With time to spare the next start has nothing to replay. When the
/// time runs out first, the server says so in one warning, with no error and no stack trace, exits
/// cleanly, and the next start replays the log from the last checkpoint: nothing acknowledged is lost.
/// </summary>
public sealed partial class ShutdownCheckpointTests : IDisposable
{
    private const int Batches = 20;

    private static readonly string[] Settings =
    [
        "--ScoringGrid:Storage:Provider=sqlite",
        "--ScoringGrid:Storage:CheckpointInterval=01:00:00",
    ];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-shutdown-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task A_stop_with_time_writes_the_last_checkpoint_and_the_next_start_replays_nothing()
    {
        var ledger = new Ledger(seed: 3, prefix: "stop-");
        var server = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            await StreamingClient.SendAsync(server, ledger, Enumerable.Range(0, Batches).Select(_ => ledger.NextBatch(100)).ToList());
            await server.StopAsync();
            Assert.True(server.ExitCode == 0, $"the server exited with {server.ExitCode} on SIGTERM\n--- server output ---\n{server.Output}");
            Assert.Contains("Checkpoint at log position", server.Output);
            AssertNoErrors(server);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var restarted = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            Assert.Equal(0, Replayed(restarted));
            Assert.Empty(await ledger.CompareAsync(restarted));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stop_out_of_time_warns_once_and_the_next_start_replays_what_it_did_not_checkpoint()
    {
        var ledger = new Ledger(seed: 4, prefix: "late-");
        var server = await ServerProcess.StartAsync(_dataDirectory, [.. Settings, "--ScoringGrid:ShutdownTimeout=00:00:00.001"]);
        try
        {
            await StreamingClient.SendAsync(server, ledger, Enumerable.Range(0, Batches).Select(_ => ledger.NextBatch(100)).ToList());
            await server.StopAsync();
            Assert.True(server.ExitCode == 0, $"the server exited with {server.ExitCode} on SIGTERM\n--- server output ---\n{server.Output}");
            Assert.Single(OutOfTime().Matches(server.Output));
            Assert.DoesNotContain("Checkpoint at log position", server.Output);
            AssertNoErrors(server);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var restarted = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            Assert.Equal(Batches, Replayed(restarted));
            Assert.Empty(await ledger.CompareAsync(restarted));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    private static void AssertNoErrors(ServerProcess server)
    {
        Assert.False(server.Output.Contains("fail:", StringComparison.Ordinal) || server.Output.Contains("crit:", StringComparison.Ordinal) || server.Output.Contains("Exception", StringComparison.Ordinal),
            $"the server logged an error\n--- server output ---\n{server.Output}");
    }

    /// <summary>The log records the start replayed, from its recovery line.</summary>
    private static int Replayed(ServerProcess server)
    {
        var match = ReplayedLine().Match(server.Output);
        Assert.True(match.Success, $"no recovery line\n--- server output ---\n{server.Output}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"replayed (\d+) log records")]
    private static partial Regex ReplayedLine();

    [GeneratedRegex(@"Shutdown ran out of time \(ScoringGrid:ShutdownTimeout\) before the last checkpoint was written; nothing is lost")]
    private static partial Regex OutOfTime();
}
