using System.Diagnostics;
using ScoringGrid.Contracts;
using ScoringGrid.Durability.Tests.Fixtures;
using ScoringGrid.Rpc;
using ScoringGrid.TestSupport;
using ScoringGrid.V1;
using Xunit.Abstractions;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// PostgreSQL stopped under a running server process, then started again, on a cluster of the
/// test's own. While it is down, ingest (unary and streamed) is refused with UNAVAILABLE, neither
/// hanging nor acknowledging anything, and queries of what was ingested keep answering from
/// memory; once it is back, ingest resumes; after a graceful restart every acknowledged
/// interaction is there exactly once and no refused one is.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// The deadline of every call: far above the time a refusal takes (a few health-check
    /// intervals), so a call that hangs ends as DEADLINE_EXCEEDED, which fails the test.
    /// </summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(20);

    /// <summary>Bounds on polling loops; they only keep a broken server from hanging the test.</summary>
    private static readonly TimeSpan PollBound = TimeSpan.FromSeconds(30);

    private const int BatchSize = 50;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-outage-").FullName;
    private readonly List<ServerProcess> _servers = [];
    private PostgresServer? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartNewAsync(requireLocalCluster: true);

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var server in _servers)
            {
                await server.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (_postgres is not null)
                {
                    await _postgres.DisposeAsync();
                }
            }
            finally
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
    }

    [Fact(Timeout = 150_000)]
    public async Task Ingest_is_refused_with_UNAVAILABLE_while_PostgreSQL_is_down_and_resumes_when_it_is_back()
    {
        var postgres = _postgres!;
        string[] settings =
        [
            "--ScoringGrid:Storage:Provider=postgres",
            "--ScoringGrid:Storage:PostgresConnectionString=" + postgres.ConnectionString,
            "--ScoringGrid:Storage:HealthCheckInterval=00:00:00.200",
            "--ScoringGrid:Storage:CommandTimeout=00:00:02",
            "--ScoringGrid:Storage:CheckpointInterval=00:00:00.500",
        ];
        var ledger = new Ledger(seed: 5, prefix: "outage-", accounts: 8);
        var refused = new List<IngestRequest>();
        var server = await StartServerAsync(settings);

        // Before: unary and streamed batches are acknowledged; checkpoints get some of it into PostgreSQL.
        await IngestAllAsync(server, ledger, Fresh(ledger, 10), "before the outage");
        await StreamAllAsync(server, ledger, Fresh(ledger, 20), "before the outage");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await AssertCountsAsync(server, ledger, "before the outage");

        await postgres.StopAsync();

        // Until the server notices, a batch may still be acknowledged: it is in the fsynced log, so
        // it must count. Then ingest is refused, well within the call's deadline.
        var clock = Stopwatch.StartNew();
        var ackedWhileUnnoticed = 0;
        while (true)
        {
            var batch = ledger.NextBatch(BatchSize);
            var (status, response, detail) = await TryIngestAsync(server, batch);
            if (status == StatusCode.Unavailable)
            {
                refused.Add(batch);
                break;
            }

            Assert.True(status == StatusCode.OK, $"unary Ingest with PostgreSQL down answered {status} ({detail}), not UNAVAILABLE\n--- server output ---\n{server.Output}");
            AssertTakenWhole(batch, response!, "before the outage was noticed");
            ledger.Acked(batch);
            ackedWhileUnnoticed++;
            Assert.True(clock.Elapsed < PollBound, $"ingest still acknowledged {clock.Elapsed} after PostgreSQL stopped\n--- server output ---\n{server.Output}");
            await Task.Delay(50);
        }

        output.WriteLine($"PostgreSQL stopped: {ackedWhileUnnoticed} batches acknowledged before the first UNAVAILABLE, {clock.ElapsedMilliseconds} ms after the stop");

        // While it is down, every unary call and every stream is refused, none hangs or acks.
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(200);
            var batch = ledger.NextBatch(BatchSize);
            refused.Add(batch);
            var (status, _, detail) = await TryIngestAsync(server, batch);
            Assert.True(status == StatusCode.Unavailable, $"unary Ingest {i} with PostgreSQL down answered {status} ({detail}), not UNAVAILABLE\n--- server output ---\n{server.Output}");
        }

        var streamed = Fresh(ledger, 4);
        refused.AddRange(streamed);
        var stream = await StreamAsync(server, ledger, streamed);
        Assert.True(stream.Status == StatusCode.Unavailable, $"IngestStream with PostgreSQL down ended with {stream.Status} ({stream.Detail}), not UNAVAILABLE\n--- server output ---\n{server.Output}");
        Assert.True(stream.Acked == 0, $"IngestStream with PostgreSQL down acknowledged {stream.Acked} batches");

        // Queries of what was ingested answer from memory, with every acknowledged interaction.
        await AssertCountsAsync(server, ledger, "while PostgreSQL is down");

        await postgres.StartAsync();

        // A refused batch, retried as a client would, is taken again once the server sees PostgreSQL;
        // it was refused whole, so none of it is a duplicate.
        var retried = refused[0];
        refused.RemoveAt(0);
        clock.Restart();
        while (true)
        {
            var (status, response, detail) = await TryIngestAsync(server, retried);
            if (status == StatusCode.OK)
            {
                output.WriteLine($"PostgreSQL started: ingest taken again {clock.ElapsedMilliseconds} ms after the start");
                AssertTakenWhole(retried, response!, "retried after PostgreSQL came back");
                ledger.Acked(retried);
                break;
            }

            Assert.True(status == StatusCode.Unavailable, $"unary Ingest after PostgreSQL came back answered {status} ({detail})\n--- server output ---\n{server.Output}");
            Assert.True(clock.Elapsed < PollBound, $"ingest still refused {clock.Elapsed} after PostgreSQL came back: {detail}\n--- server output ---\n{server.Output}");
            await Task.Delay(100);
        }

        await IngestAllAsync(server, ledger, Fresh(ledger, 10), "after the outage");
        await StreamAllAsync(server, ledger, Fresh(ledger, 20), "after the outage");
        await AssertCountsAsync(server, ledger, "after the outage");

        // A graceful restart: everything acknowledged is there exactly once, nothing refused is.
        await server.StopAsync();
        Assert.True(server.ExitCode == 0, $"the server exited with {server.ExitCode} on SIGTERM\n--- server output ---\n{server.Output}");
        var restarted = await StartServerAsync(settings);
        await AssertCountsAsync(restarted, ledger, "after a graceful restart");

        // The refused batches were not recorded in any way: sent now, each is taken whole, none a duplicate.
        foreach (var batch in refused)
        {
            var (status, response, detail) = await TryIngestAsync(restarted, batch);
            Assert.True(status == StatusCode.OK, $"unary Ingest after the restart answered {status} ({detail})\n--- server output ---\n{restarted.Output}");
            AssertTakenWhole(batch, response!, "refused during the outage and sent after the restart");
            ledger.Acked(batch);
        }

        await AssertCountsAsync(restarted, ledger, "after sending the refused batches again");
        await restarted.StopAsync();
        output.WriteLine($"{ledger.AckedInteractions} interactions acknowledged, {refused.Count} refused batches sent again after the restart");
        output.WriteLine("--- server output (before the restart) ---\n" + server.Output);
    }

    /// <summary>
    /// A server restarted on stored state activates grains lazily, reading them from PostgreSQL.
    /// PostgreSQL stops before the server's probe notices (the probe runs every 10 s in these
    /// tests so the whole window falls between two probes; with the 1 s default a loaded server
    /// hits the same window): a batch over stored accounts is refused with UNAVAILABLE, "nothing
    /// of this call was acknowledged", because its grains cannot be read. Retried once
    /// PostgreSQL is back, it must be taken whole and counted once, in memory and after a
    /// graceful restart.
    /// </summary>
    [Fact(Timeout = 150_000)]
    public async Task A_batch_refused_because_stored_grains_could_not_be_read_counts_once_when_retried()
    {
        var postgres = _postgres!;
        var ledger = new Ledger(seed: 9, prefix: "lazy-", accounts: 8);
        var server = await StartOnStoredStateAsync(ledger);
        await postgres.StopAsync();
        var batch = ledger.NextBatch(BatchSize);
        var refusal = await AssertRefusedAsync(server, batch);

        await postgres.StartAsync();
        var clock = Stopwatch.StartNew();
        IngestResponse? retried = null;
        while (retried is null)
        {
            var (status, response, detail) = await TryIngestAsync(server, batch);
            Assert.True(status is StatusCode.OK or StatusCode.Unavailable, $"unary Ingest after PostgreSQL came back answered {status} ({detail})\n--- server output ---\n{server.Output}");
            Assert.True(clock.Elapsed < PollBound, $"ingest still refused {clock.Elapsed} after PostgreSQL came back: {detail}\n--- server output ---\n{server.Output}");
            retried = response;
            if (retried is null)
            {
                await Task.Delay(200);
            }
        }

        ledger.Acked(batch);
        output.WriteLine($"retried: {retried.Accepted} accepted, {retried.Duplicates} duplicates of {batch.Interactions.Count}");
        var inMemory = await ledger.CompareAsync(server);
        inMemory.AddRange(await ledger.CompareAccountsAsync(server));
        await server.StopAsync();
        var restarted = await StartServerAsync(LazyActivationSettings(postgres));
        var afterRestart = await ledger.CompareAsync(restarted);
        afterRestart.AddRange(await ledger.CompareAccountsAsync(restarted));
        Assert.True(retried.Accepted == batch.Interactions.Count && retried.Duplicates == 0 && inMemory.Count == 0 && afterRestart.Count == 0,
            $"batch {batch.BatchId} refused ({refusal}), then retried once PostgreSQL was back: {retried.Accepted} accepted and {retried.Duplicates} duplicates of {batch.Interactions.Count};\n"
            + $"{inMemory.Count} differences in memory:\n{string.Join("\n", inMemory.Take(20))}\n"
            + $"{afterRestart.Count} differences after a graceful restart:\n{string.Join("\n", afterRestart.Take(20))}\n--- server output ---\n{server.Output}");
        await restarted.StopAsync();
    }

    /// <summary>
    /// The same refusal, not retried; the server is then killed (SIGKILL) and restarted once
    /// PostgreSQL is back. Nothing of the refused batch may be counted.
    /// </summary>
    [Fact(Timeout = 150_000)]
    public async Task A_batch_refused_because_stored_grains_could_not_be_read_is_not_counted_after_a_crash()
    {
        var postgres = _postgres!;
        var ledger = new Ledger(seed: 13, prefix: "lazy-", accounts: 8);
        var server = await StartOnStoredStateAsync(ledger);
        await postgres.StopAsync();
        var batch = ledger.NextBatch(BatchSize);
        var refusal = await AssertRefusedAsync(server, batch);
        await server.KillAsync();

        await postgres.StartAsync();
        var restarted = await StartServerAsync(LazyActivationSettings(postgres));
        var differences = await ledger.CompareAsync(restarted);
        differences.AddRange(await ledger.CompareAccountsAsync(restarted));
        Assert.True(differences.Count == 0,
            $"batch {batch.BatchId} was refused ({refusal}) and never retried; after a crash and a restart, {differences.Count} differences from what was acknowledged:\n"
            + string.Join("\n", differences.Take(20)) + "\n--- server output ---\n" + restarted.Output);
        await restarted.StopAsync();
    }

    private static string[] LazyActivationSettings(PostgresServer postgres) =>
    [
        "--ScoringGrid:Storage:Provider=postgres",
        "--ScoringGrid:Storage:PostgresConnectionString=" + postgres.ConnectionString,
        "--ScoringGrid:Storage:HealthCheckInterval=00:00:10",
        "--ScoringGrid:Storage:CommandTimeout=00:00:02",
        "--ScoringGrid:Storage:CheckpointInterval=00:01:00",
    ];

    /// <summary>
    /// Ingests ten batches, stops the server gracefully (its last checkpoint stores every account
    /// and relationship) and starts it again: a server with the state stored and none of it in memory.
    /// </summary>
    private async Task<ServerProcess> StartOnStoredStateAsync(Ledger ledger)
    {
        var settings = LazyActivationSettings(_postgres!);
        var first = await StartServerAsync(settings);
        await IngestAllAsync(first, ledger, Fresh(ledger, 10), "before the restart");
        await first.StopAsync();
        Assert.True(first.ExitCode == 0, $"the server exited with {first.ExitCode} on SIGTERM\n--- server output ---\n{first.Output}");
        return await StartServerAsync(settings);
    }

    /// <summary>Sends the batch with PostgreSQL down; asserts UNAVAILABLE and returns its detail.</summary>
    private async Task<string> AssertRefusedAsync(ServerProcess server, IngestRequest batch)
    {
        var (status, _, detail) = await TryIngestAsync(server, batch);
        Assert.True(status == StatusCode.Unavailable, $"unary Ingest with PostgreSQL down answered {status} ({detail}), not UNAVAILABLE\n--- server output ---\n{server.Output}");
        output.WriteLine($"refused: {detail}");
        return detail;
    }

    private async Task<ServerProcess> StartServerAsync(string[] settings)
    {
        var server = await ServerProcess.StartAsync(_dataDirectory, settings);
        _servers.Add(server);
        return server;
    }

    private static List<IngestRequest> Fresh(Ledger ledger, int batches) =>
        Enumerable.Range(0, batches).Select(_ => ledger.NextBatch(BatchSize)).ToList();

    private static void AssertTakenWhole(IngestRequest batch, IngestResponse response, string when)
    {
        Assert.Empty(response.Rejected);
        Assert.True(response.Accepted == batch.Interactions.Count && response.Duplicates == 0,
            $"batch {batch.BatchId} {when}: {response.Accepted} accepted and {response.Duplicates} duplicates of {batch.Interactions.Count}");
    }

    /// <summary>One unary Ingest: OK with its response, or the status it failed with.</summary>
    private static async Task<(StatusCode Status, IngestResponse? Response, string Detail)> TryIngestAsync(ServerProcess server, IngestRequest batch)
    {
        try
        {
            var response = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ServerProcess.Call(CallDeadline), batch).ResponseAsync;
            return (StatusCode.OK, response, string.Empty);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, null, e.Status.Detail);
        }
    }

    private static async Task IngestAllAsync(ServerProcess server, Ledger ledger, List<IngestRequest> batches, string when)
    {
        foreach (var batch in batches)
        {
            var (status, response, detail) = await TryIngestAsync(server, batch);
            Assert.True(status == StatusCode.OK, $"unary Ingest {when} answered {status} ({detail})\n--- server output ---\n{server.Output}");
            AssertTakenWhole(batch, response!, when);
            ledger.Acked(batch);
        }
    }

    private static async Task StreamAllAsync(ServerProcess server, Ledger ledger, List<IngestRequest> batches, string when)
    {
        var (status, detail, acked) = await StreamAsync(server, ledger, batches);
        Assert.True(status == StatusCode.OK && acked == batches.Count,
            $"IngestStream {when} ended with {status} ({detail}) after {acked} of {batches.Count} acks\n--- server output ---\n{server.Output}");
    }

    /// <summary>
    /// Sends the batches on one IngestStream while reading its acks (each recorded in the ledger);
    /// returns how the call ended and how many batches were acknowledged.
    /// </summary>
    private static async Task<(StatusCode Status, string Detail, int Acked)> StreamAsync(ServerProcess server, Ledger ledger, List<IngestRequest> batches)
    {
        using var call = server.Invoker.AsyncDuplexStreamingCall(ScoringGridMethods.IngestStream, ServerProcess.Call(CallDeadline));
        var reader = Task.Run(async () =>
        {
            var acked = 0;
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var ack = call.ResponseStream.Current;
                    Assert.True(acked < batches.Count, $"IngestStream sent ack {acked + 1} ({ack.BatchId}) for {batches.Count} batches");
                    Assert.Equal(batches[acked].BatchId, ack.BatchId);
                    AssertTakenWhole(batches[acked], ack, "on IngestStream");
                    ledger.Acked(batches[acked]);
                    acked++;
                }

                return (StatusCode.OK, string.Empty, acked);
            }
            catch (RpcException e)
            {
                return (e.StatusCode, e.Status.Detail, acked);
            }
        });

        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(batch);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // The server ended the call before taking every batch; the reader has its status.
        }

        // The call's deadline ends the reader; the extra time only covers a client that ignores it.
        return await reader.WaitAsync(CallDeadline + TimeSpan.FromSeconds(10));
    }

    private static async Task AssertCountsAsync(ServerProcess server, Ledger ledger, string when)
    {
        var differences = await ledger.CompareAsync(server);
        differences.AddRange(await ledger.CompareAccountsAsync(server));
        Assert.True(differences.Count == 0,
            $"{when}: {differences.Count} differences after {ledger.AckedInteractions} acknowledged interactions:\n" + string.Join("\n", differences.Take(20)) + "\n--- server output ---\n" + server.Output);
    }
}
