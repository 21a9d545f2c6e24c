using ScoringGrid.Durability.Tests.Fixtures;
using ScoringGrid.TestSupport;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// Streams interactions at full speed into a server process, SIGKILLs it mid-stream at random
/// moments several times, restarts it on the same storage each time, retries the batches in
/// doubt (as a client would), and checks that every acknowledged interaction is counted exactly
/// once. Checkpoints run every few hundred milliseconds and the log rolls small segments, so
/// kills land before, during and after checkpoints and segment deletions.
/// </summary>
public abstract class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-crash-").FullName;

    protected abstract Task<string[]> StorageSettingsAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact(Timeout = 150_000)]
    public async Task Every_acknowledged_interaction_is_counted_exactly_once_across_SIGKILLs()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var settings = (await StorageSettingsAsync()).Concat(
        [
            "--ScoringGrid:Storage:CheckpointInterval=00:00:00.300",
            "--ScoringGrid:Storage:LogSegmentSize=65536",
        ]).ToArray();
        var ledger = new Ledger(seed: 7, prefix: "crash-");
        var random = new Random(11);
        var inDoubt = new List<ScoringGrid.V1.IngestRequest>();
        for (var round = 0; round < 4; round++)
        {
            var server = await ServerProcess.StartAsync(_dataDirectory, settings);
            try
            {
                // Batches in doubt from the previous crash: some were logged before it, some not; each must count once.
                await StreamingClient.SendAsync(server, ledger, inDoubt);
                using var kill = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                var killer = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(400, 1500)), deadline.Token);
                    await server.KillAsync();
                });
                inDoubt = await StreamingClient.StreamUntilBrokenAsync(server, ledger, batchSize: 200, inFlight: 8, maxBatches: 100_000, kill.Token);
                await killer;
                Assert.True(server.HasExited);
            }
            finally
            {
                await server.DisposeAsync();
            }
        }

        var final = await ServerProcess.StartAsync(_dataDirectory, settings);
        try
        {
            await StreamingClient.SendAsync(final, ledger, inDoubt);
            Assert.True(ledger.AckedInteractions > 1000, $"only {ledger.AckedInteractions} interactions were acknowledged: the test did not load the server");
            var differences = await ledger.CompareAsync(final);
            differences.AddRange(await ledger.CompareAccountsAsync(final));
            Assert.True(differences.Count == 0, $"{differences.Count} differences after {ledger.AckedInteractions} acked interactions:\n" + string.Join("\n", differences.Take(20)) + "\n--- server output ---\n" + final.Output);
            Assert.Contains("Recovered from", final.Output);
        }
        finally
        {
            await final.DisposeAsync();
        }
    }
}

public sealed class SqliteCrashRecoveryTests : CrashRecoveryTests
{
    protected override Task<string[]> StorageSettingsAsync() => Task.FromResult(new[] { "--ScoringGrid:Storage:Provider=sqlite" });
}

/// <summary>
/// The same against PostgreSQL: a cluster of the class's own (or a database on the server named
/// by SCORINGGRID_TEST_POSTGRES), stopped and deleted by xunit after the class whatever its
/// outcome.
/// </summary>
public sealed class PostgresCrashRecoveryTests(PostgresServer postgres) : CrashRecoveryTests, IClassFixture<PostgresServer>
{
    protected override Task<string[]> StorageSettingsAsync() => Task.FromResult(new[]
    {
        "--ScoringGrid:Storage:Provider=postgres",
        "--ScoringGrid:Storage:PostgresConnectionString=" + postgres.ConnectionString,
    });
}
