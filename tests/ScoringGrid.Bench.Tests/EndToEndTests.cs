using System.Text.Json;
using ScoringGrid.Bench.Tests.Fixtures;
using ScoringGrid.Bench.Workload;
using ScoringGrid.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Tests;

/// <summary>Short bounded runs against a real server on a free loopback port, checked against what the server then reports.</summary>
public sealed class EndToEndTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>, IDisposable
{
    private readonly TempFiles _files = new();
    private readonly string _run = Guid.NewGuid().ToString("n")[..8];

    public void Dispose() => _files.Dispose();

    private string[] Common(params string[] args) => On(fixture.Server, args);

    private static string[] On(ScoringServer server, params string[] args) =>
        [.. args, "--target", server.Address, "--api-key", ScoringServer.Key, "--no-progress", "--max-time", "80s"];

    private ScoringGridClient Client() => ScoringGridClient.Create(fixture.Server.Address, ScoringServer.Key);

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Ingest_stream_sends_the_seeded_workload_and_the_server_counts_every_interaction()
    {
        // A server of its own: the synthetic account names are the same in every run.
        await using var server = await ScoringServer.StartAsync();
        var prefix = $"e2e-{_run}-";
        var shape = new WorkloadShape { Accounts = 300, Brands = 3, Pairs = 800, Seed = 11, EventPrefix = prefix };
        var output = _files.PathOf("result.json");

        var result = await BenchRunner.RunAsync(On(server,
            "--scenario", "ingest-stream", "--count", "12", "--batch-size", "100", "--concurrency", "2", "--in-flight", "3",
            "--seed", "11", "--accounts", "300", "--brands", "3", "--pairs", "800", "--event-prefix", prefix, "--out", output));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("interactions  1,200", result.Out);
        var json = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(12, json.GetProperty("requests").GetInt64());
        Assert.Equal(1_200, json.GetProperty("interactions").GetInt64());
        Assert.Equal(1_200, json.GetProperty("accepted").GetInt64());
        Assert.Equal(0, json.GetProperty("errors").GetInt64());
        Assert.Equal("Count", json.GetProperty("stoppedBy").GetString());
        Assert.Equal(12, json.GetProperty("latencyMs").GetProperty("count").GetInt64());

        // The server holds exactly the interactions the same seed generates.
        var expected = new SyntheticWorkload(shape).Take(1_200).ToList();
        await using var client = ScoringGridClient.Create(server.Address, ScoringServer.Key);
        foreach (var account in new[] { AccountNames.Ordinary(0), AccountNames.Ordinary(1), AccountNames.Brand(0) })
        {
            var score = await client.GetAccountScoreAsync(account);
            foreach (var kind in Enum.GetValues<InteractionKind>().Where(k => k is not InteractionKind.Unspecified))
            {
                var given = expected.Count(i => i.Actor == account && i.Kind == kind);
                var received = expected.Count(i => i.Target == account && i.Kind == kind);
                Assert.True((ulong)given == Count(score.Given, kind), $"{account} gave {Count(score.Given, kind)} {kind}, expected {given}");
                Assert.True((ulong)received == Count(score.Received, kind), $"{account} received {Count(score.Received, kind)} {kind}, expected {received}");
            }
        }

        // The same run again with the same prefix is deduplicated by the server, and the bench reports it.
        var again = await BenchRunner.RunAsync(On(server,
            "--scenario", "ingest-unary", "--count", "4", "--batch-size", "300", "--concurrency", "2",
            "--seed", "11", "--accounts", "300", "--brands", "3", "--pairs", "800", "--event-prefix", prefix, "--out", output));
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        var repeat = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(1_200, repeat.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, repeat.GetProperty("accepted").GetInt64());
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Query_scenarios_ask_only_about_what_the_preload_created()
    {
        foreach (var scenario in new[] { "get-relationship", "get-account", "top-relationships", "batch-get-relationships", "get-responsiveness", "list-open-expectations" })
        {
            var output = _files.PathOf(scenario + ".json");
            var result = await BenchRunner.RunAsync(Common(
                "--scenario", scenario, "--count", "60", "--concurrency", "3", "--preload", "2000", "--accounts", "500", "--pairs", "1000",
                "--seed", "5", "--out", output));

            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
            var json = BenchRunner.ReadJson(output);
            Assert.Equal(2_000, json.GetProperty("preload").GetProperty("accepted").GetInt64());
            var measured = json.GetProperty("result");
            Assert.Equal(60, measured.GetProperty("requests").GetInt64());
            Assert.Equal(0, measured.GetProperty("errors").GetInt64());
            Assert.Equal(JsonValueKind.Object, measured.GetProperty("errorsByStatus").ValueKind);
            Assert.True(measured.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0);
            Assert.Equal(Environment.ProcessorCount, json.GetProperty("machine").GetProperty("processorCount").GetInt32());
            Assert.Equal(scenario, json.GetProperty("options").GetProperty("scenario").GetString());
        }
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Mixed_in_the_open_model_reads_and_writes_in_the_asked_ratio()
    {
        var output = _files.PathOf("mixed.json");
        var result = await BenchRunner.RunAsync(Common(
            "--scenario", "mixed", "--read-ratio", "0.5", "--rate", "200", "--count", "100", "--concurrency", "8", "--connections", "2",
            "--preload", "1000", "--accounts", "400", "--pairs", "900", "--out", output));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("(from each intended start)", result.Out);
        var measured = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(100, measured.GetProperty("requests").GetInt64());
        var operations = measured.GetProperty("operations");
        var writes = operations.GetProperty("Ingest").GetProperty("requests").GetInt64();
        var reads = new[] { "GetRelationship", "GetAccountScore", "GetTopRelationships" }.Sum(o => operations.GetProperty(o).GetProperty("requests").GetInt64());
        Assert.Equal(100, reads + writes);
        Assert.InRange(writes, 25, 75);
        Assert.Equal(writes, measured.GetProperty("accepted").GetInt64());
        Assert.Equal(0, measured.GetProperty("errors").GetInt64());
        Assert.Equal(100, measured.GetProperty("sendLagMs").GetProperty("count").GetInt64());
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_replayed_CollegeMsg_file_is_ingested_as_direct_messages_to_its_end()
    {
        var a = $"ann-{_run}";
        var b = $"bob-{_run}";
        var c = $"cid-{_run}";
        var file = _files.Write("college.txt", "Source Destination Timestamp", $"{a} {b} 1767225600", $"{b} {a} 1767225660", $"{a} {c} 1767225700", "not a line", $"{a} {b} 1767225800");
        var output = _files.PathOf("replay.json");

        var result = await BenchRunner.RunAsync(Common("--scenario", "ingest-unary", "--replay", file, "--batch-size", "2", "--concurrency", "1", "--out", output));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var json = BenchRunner.ReadJson(output);
        Assert.Equal("EndOfWork", json.GetProperty("result").GetProperty("stoppedBy").GetString());
        Assert.Equal(4, json.GetProperty("result").GetProperty("accepted").GetInt64());
        Assert.Equal(1, json.GetProperty("replay").GetProperty("malformed").GetInt64());
        await using var client = Client();
        var relationship = await client.GetRelationshipAsync(a, b);
        var forward = relationship.Pair.AccountA == a ? relationship.AToBCounts : relationship.BToACounts;
        var backward = relationship.Pair.AccountA == a ? relationship.BToACounts : relationship.AToBCounts;
        Assert.Equal(2UL, Count(forward, InteractionKind.DirectMessage));
        Assert.Equal(1UL, Count(backward, InteractionKind.DirectMessage));
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Load_pairs_creates_the_relationships_it_was_asked_for()
    {
        var prefix = $"pairs-{_run}-";
        var output = _files.PathOf("pairs.json");
        var result = await BenchRunner.RunAsync(Common("--scenario", "load-pairs", "--pairs", "3000", "--accounts", "101", "--event-prefix", prefix, "--out", output));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var measured = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(3_000, measured.GetProperty("accepted").GetInt64());
        Assert.Equal(3, measured.GetProperty("requests").GetInt64());
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_wrong_key_is_counted_as_errors_by_status_and_the_run_still_ends()
    {
        var output = _files.PathOf("unauthenticated.json");
        var result = await BenchRunner.RunAsync(
            [
                "--scenario", "ingest-unary", "--count", "5", "--target", fixture.Server.Address, "--api-key", "not-the-key",
                "--no-progress", "--out", output,
            ]);

        Assert.True(result.ExitCode == ExitCodes.RequestsFailed, result.ToString());
        var measured = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(5, measured.GetProperty("errors").GetInt64());
        Assert.Equal(5, measured.GetProperty("errorsByStatus").GetProperty("UNAUTHENTICATED").GetInt64());
        Assert.Contains("UNAUTHENTICATED 5", result.Out);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_failing_stream_fails_its_batches_and_the_next_batch_opens_a_new_call()
    {
        var output = _files.PathOf("stream-unauthenticated.json");
        var result = await BenchRunner.RunAsync(
            [
                "--scenario", "ingest-stream", "--count", "6", "--concurrency", "2", "--in-flight", "2", "--batch-size", "10",
                "--target", fixture.Server.Address, "--api-key", "not-the-key", "--no-progress", "--out", output,
            ]);

        Assert.True(result.ExitCode == ExitCodes.RequestsFailed, result.ToString());
        var measured = BenchRunner.ReadJson(output).GetProperty("result");
        Assert.Equal(6, measured.GetProperty("requests").GetInt64());
        Assert.Equal(6, measured.GetProperty("errorsByStatus").GetProperty("UNAUTHENTICATED").GetInt64());
        Assert.Equal(0, measured.GetProperty("accepted").GetInt64());
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_run_against_a_closed_port_counts_unavailable_and_ends()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();
        var result = await BenchRunner.RunAsync("--scenario", "ingest-unary", "--count", "3", "--target", address, "--no-progress");
        Assert.True(result.ExitCode == ExitCodes.RequestsFailed, result.ToString());
        Assert.Contains("UNAVAILABLE 3", result.Out);
        var query = await BenchRunner.RunAsync("--scenario", "get-account", "--count", "3", "--target", address, "--no-progress");
        Assert.True(query.ExitCode == ExitCodes.Failure, query.ToString());
        Assert.Contains("preload failed: UNAVAILABLE", query.Error);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Emit_workload_writes_the_same_file_for_the_same_seed_and_sends_nothing()
    {
        var first = _files.PathOf("first.jsonl");
        var second = _files.PathOf("second.jsonl");
        var one = await BenchRunner.RunAsync("--emit-workload", first, "--count", "2000", "--seed", "3", "--event-prefix", "w-", "--target", "http://10.0.0.9:1");
        var two = await BenchRunner.RunAsync("--emit-workload", second, "--count", "2000", "--seed", "3", "--event-prefix", "w-");
        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(2000, File.ReadAllLines(first).Length);
        Assert.Contains("wrote 2,000 interactions", one.Out);

        // A replayed file converts to JSON lines too.
        var college = _files.Write("c.txt", "1 2 1082040961", "2 1 1082040999");
        var converted = _files.PathOf("c.jsonl");
        var conversion = await BenchRunner.RunAsync("--emit-workload", converted, "--replay", college, "--event-prefix", "c-");
        Assert.True(conversion.ExitCode == ExitCodes.Ok, conversion.ToString());
        Assert.Equal(2, File.ReadAllLines(converted).Length);
        Assert.Contains("\"eventId\": \"c-1\"", File.ReadAllText(converted));
    }

    private static ulong Count(IEnumerable<KindCount> counts, InteractionKind kind) => counts.FirstOrDefault(c => c.Kind == kind)?.Count ?? 0;
}
