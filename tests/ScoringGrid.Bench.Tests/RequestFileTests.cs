using System.Buffers.Binary;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Tests.Fixtures;
using ScoringGrid.Bench.Workload;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Tests;

/// <summary>
/// --emit-requests: the requests a query run would send, as gRPC-framed messages: as many as asked,
/// each naming a pair or an account of the interactions the server would hold, hot ones most often,
/// the same file for the same seed.
/// </summary>
public sealed class RequestFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task GetRelationship_requests_name_pairs_of_the_workload_hot_ones_most()
    {
        var path = _files.PathOf("getrel.bin");

        var result = await BenchRunner.RunAsync("--emit-requests", path, "--scenario", "get-relationship", "--count", "5000",
            "--seed", "5", "--accounts", "400", "--pairs", "1500", "--preload", "20000", "--event-prefix", "r-");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("wrote 5,000 get-relationship requests", result.Out, StringComparison.Ordinal);
        var requests = Frames(path).Select(GetRelationshipRequest.Parser.ParseFrom).ToList();
        Assert.Equal(5000, requests.Count);

        var shape = new WorkloadShape { Accounts = 400, Pairs = 1500, Seed = 5, EventPrefix = "r-" };
        var seen = new Dictionary<(string, string), int>();
        foreach (var interaction in new SyntheticWorkload(shape).Take(20000).Where(i => i.Target.Length > 0))
        {
            var key = string.CompareOrdinal(interaction.Actor, interaction.Target) < 0 ? (interaction.Actor, interaction.Target) : (interaction.Target, interaction.Actor);
            seen[key] = seen.GetValueOrDefault(key) + 1;
        }

        var asked = new Dictionary<(string, string), int>();
        foreach (var request in requests)
        {
            var (a, b) = (request.Pair.AccountA, request.Pair.AccountB);
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            Assert.True(seen.ContainsKey(key), $"pair {a}/{b} never interacted in the workload");
            asked[key] = asked.GetValueOrDefault(key) + 1;
        }

        // Zipf over pairs ranked by how often they occur: the busiest pair is asked about far more than the median one.
        var busiest = seen.MaxBy(p => p.Value).Key;
        Assert.True(asked.GetValueOrDefault(busiest) > 50, $"the busiest pair was asked {asked.GetValueOrDefault(busiest)} times");
        Assert.True(asked.Count < seen.Count, "every pair was asked: no skew");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_same_seed_writes_the_same_file_and_account_scenarios_name_accounts()
    {
        var first = _files.PathOf("top-1.bin");
        var second = _files.PathOf("top-2.bin");
        string[] args = ["--scenario", "top-relationships", "--count", "300", "--seed", "9", "--accounts", "200", "--pairs", "600", "--event-prefix", "t-"];

        var one = await BenchRunner.RunAsync(["--emit-requests", first, .. args]);
        var two = await BenchRunner.RunAsync(["--emit-requests", second, .. args]);

        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var requests = Frames(first).Select(GetTopRelationshipsRequest.Parser.ParseFrom).ToList();
        Assert.Equal(300, requests.Count);
        // The default --preload: the accounts of the workload's first 100,000 interactions.
        var shape = new WorkloadShape { Accounts = 200, Pairs = 600, Seed = 9, EventPrefix = "t-" };
        var accounts = new HashSet<string>();
        foreach (var interaction in new SyntheticWorkload(shape).Take(100_000))
        {
            accounts.Add(interaction.Actor);
            accounts.Add(interaction.Target);
        }

        Assert.All(requests, r => Assert.Contains(r.AccountId, accounts));
        Assert.All(requests, r => Assert.Equal(Direction.Both, r.Direction));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_responsiveness_scenarios_write_requests_of_the_workload_accounts_at_the_server_defaults()
    {
        var responsiveness = _files.PathOf("responsiveness.bin");
        var listing = _files.PathOf("open.bin");
        string[] args = ["--count", "200", "--seed", "4", "--accounts", "150", "--pairs", "400", "--event-prefix", "o-"];

        var one = await BenchRunner.RunAsync(["--emit-requests", responsiveness, "--scenario", "get-responsiveness", .. args]);
        var two = await BenchRunner.RunAsync(["--emit-requests", listing, "--scenario", "list-open-expectations", .. args]);

        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());
        var asked = Frames(responsiveness).Select(GetResponsivenessRequest.Parser.ParseFrom).ToList();
        var listed = Frames(listing).Select(ListOpenExpectationsRequest.Parser.ParseFrom).ToList();
        Assert.Equal(200, asked.Count);
        Assert.Equal(200, listed.Count);
        var shape = new WorkloadShape { Accounts = 150, Pairs = 400, Seed = 4, EventPrefix = "o-" };
        var accounts = new HashSet<string>();
        foreach (var interaction in new SyntheticWorkload(shape).Take(100_000))
        {
            accounts.Add(interaction.Actor);
            accounts.Add(interaction.Target);
        }

        Assert.All(asked, r => Assert.Contains(r.AccountId, accounts));
        Assert.All(asked, r => Assert.False(r.HasAsOf));
        Assert.All(listed, r => Assert.Contains(r.AccountId, accounts));
        Assert.All(listed, r => Assert.Equal(0u, r.Limit));
        // Drawn by the same generator from the same accounts: the same sequence of accounts.
        Assert.Equal(asked.Select(r => r.AccountId), listed.Select(r => r.AccountId));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_scenario_writes_batches_of_the_asked_size_from_the_workload_pairs()
    {
        var path = _files.PathOf("batch.bin");
        var result = await BenchRunner.RunAsync(["--emit-requests", path, "--scenario", "batch-get-relationships", "--batch-size", "25",
            "--count", "40", "--seed", "3", "--accounts", "150", "--pairs", "400", "--event-prefix", "b-"]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var requests = Frames(path).Select(BatchGetRelationshipsRequest.Parser.ParseFrom).ToList();
        Assert.Equal(40, requests.Count);
        Assert.All(requests, r => Assert.Equal(25, r.Pairs.Count));
        var shape = new WorkloadShape { Accounts = 150, Pairs = 400, Seed = 3, EventPrefix = "b-" };
        var pairs = new HashSet<(string, string)>();
        foreach (var interaction in new SyntheticWorkload(shape).Take(100_000))
        {
            if (interaction.Target.Length > 0)
            {
                pairs.Add((interaction.Actor, interaction.Target));
                pairs.Add((interaction.Target, interaction.Actor));
            }
        }

        Assert.All(requests.SelectMany(r => r.Pairs), p => Assert.Contains((p.AccountA, p.AccountB), pairs));
        Assert.True(requests.SelectMany(r => r.Pairs).Distinct().Count() > 25, "pairs are drawn across the workload, not one repeated");
    }

    [Theory]
    [InlineData("ingest-stream", "--count", "10", "--emit-requests: writes the requests of a query scenario")]
    [InlineData("get-relationship", null, null, "--emit-requests: needs --count N")]
    public void Bad_uses_are_refused_by_name(string scenario, string? option, string? value, string expected)
    {
        List<string> args = ["--emit-requests", _files.PathOf("x.bin"), "--scenario", scenario];
        if (option is not null)
        {
            args.AddRange([option, value!]);
        }

        var (settings, errors) = new BenchCommandLine().Parse([.. args], _ => null);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Requests_and_workload_are_not_written_together()
    {
        var (settings, errors) = new BenchCommandLine().Parse(
            ["--emit-requests", _files.PathOf("r.bin"), "--emit-workload", _files.PathOf("w.jsonl"), "--scenario", "get-account", "--count", "5"], _ => null);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("--emit-requests: write one file at a time", StringComparison.Ordinal));
    }

    private static IEnumerable<byte[]> Frames(string path)
    {
        var data = File.ReadAllBytes(path);
        var at = 0;
        while (at < data.Length)
        {
            Assert.Equal(0, data[at]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 1));
            yield return data.AsSpan(at + 5, length).ToArray();
            at += 5 + length;
        }
    }
}
