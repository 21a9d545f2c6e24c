using System.Buffers.Binary;
using System.Text.Json;
using Google.Protobuf;
using ScoringGrid.Bench.Tests.Fixtures;
using ScoringGrid.Client;
using ScoringGrid.TestSupport;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Tests;

/// <summary>
/// grpc-pace (tests/bench/pace), the paced load client in C over libnghttp2, built from source and
/// run against the real server: it counts every call by its gRPC status, keeps the open model's
/// schedule exactly, and refuses what it should.
/// </summary>
public sealed class PaceToolTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>, IDisposable
{
    private const string Path = "/scoringgrid.v1.ScoreService/GetRelationship";
    private readonly TempFiles _files = new();
    private readonly string _run = Guid.NewGuid().ToString("n")[..8];

    public void Dispose() => _files.Dispose();

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Closed_model_counts_each_call_by_its_status()
    {
        var (known, other) = await SeedAsync();
        var body = WriteBodies(Relationship(known), Relationship(other), Relationship(("nobody-" + _run, "no-one-" + _run)));
        var json = _files.PathOf("closed.json");

        var result = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", body, "--header", "authorization: Bearer " + ScoringServer.Key,
            "--concurrency", "8", "--connections", "2", "--count", "300", "--warmup", "0", "--duration", "60", "--json", json);

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("closed", root.GetProperty("model").GetString());
        Assert.Equal(300, root.GetProperty("calls").GetInt64());
        Assert.Equal(200, root.GetProperty("ok").GetInt64());
        Assert.Equal(200, root.GetProperty("statuses").GetProperty("OK").GetInt64());
        Assert.Equal(100, root.GetProperty("statuses").GetProperty("NOT_FOUND").GetInt64());
        Assert.Equal(300, root.GetProperty("latencyMs").GetProperty("count").GetInt64());
        Assert.Contains("NOT_FOUND", result.Out, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Open_model_starts_exactly_the_scheduled_calls_and_times_them_from_their_intended_start()
    {
        var (known, other) = await SeedAsync();
        var body = WriteBodies(Relationship(known), Relationship(other));
        var json = _files.PathOf("open.json");

        // 400 calls/s for 1 s after 0.5 s of warm-up: calls 200..599 of the schedule are measured.
        var result = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", body, "--header", "authorization: Bearer " + ScoringServer.Key,
            "--rate", "400", "--connections", "3", "--warmup", "0.5", "--duration", "1", "--tick", "100", "--json", json);

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("open", root.GetProperty("model").GetString());
        Assert.Equal(400, root.GetProperty("calls").GetInt64());
        Assert.Equal(400, root.GetProperty("ok").GetInt64());
        var latency = root.GetProperty("latencyMs");
        var service = root.GetProperty("serviceMs");
        var lag = root.GetProperty("sendLagMs");
        Assert.Equal(400, latency.GetProperty("count").GetInt64());
        Assert.Equal(400, lag.GetProperty("count").GetInt64());
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());
        // Latency counts from the intended start, so it is never below the service time from the actual start.
        Assert.True(latency.GetProperty("max").GetDouble() >= service.GetProperty("max").GetDouble());
        Assert.True(lag.GetProperty("p50").GetDouble() >= 0);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Calls_without_a_key_are_counted_as_unauthenticated()
    {
        var (known, _) = await SeedAsync();
        var body = WriteBodies(Relationship(known));
        var json = _files.PathOf("nokey.json");

        var result = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", body,
            "--concurrency", "4", "--connections", "1", "--count", "20", "--warmup", "0", "--json", json);

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(20, root.GetProperty("statuses").GetProperty("UNAUTHENTICATED").GetInt64());
        Assert.Equal(0, root.GetProperty("ok").GetInt64());
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_target_off_this_machine_is_refused_unless_allowed()
    {
        var body = WriteBodies(Relationship(("a", "b")));

        var result = await PaceAsync("--target", "http://192.0.2.10:50051", "--path", Path, "--body", body, "--count", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", result.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task A_body_file_cut_inside_a_frame_is_refused_with_its_offset()
    {
        var whole = Frame(Relationship(("a", "b")));
        var cut = _files.PathOf("cut.bin");
        File.WriteAllBytes(cut, [.. whole, .. whole.AsSpan(0, whole.Length - 3)]);

        var result = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", cut, "--count", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--body", result.Error, StringComparison.Ordinal);
        Assert.Contains($"at byte {whole.Length}", result.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Run)]
    public async Task Bad_options_are_refused_by_name()
    {
        var body = WriteBodies(Relationship(("a", "b")));

        var both = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", body, "--rate", "10", "--concurrency", "2");
        var rate = await PaceAsync("--target", fixture.Server.Address, "--path", Path, "--body", body, "--rate", "-5");

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--rate and --concurrency", both.Error, StringComparison.Ordinal);
        Assert.Equal(2, rate.ExitCode);
        Assert.Contains("--rate: '-5'", rate.Error, StringComparison.Ordinal);
    }

    private async Task<((string, string) Known, (string, string) Other)> SeedAsync()
    {
        var known = ("pace-a-" + _run, "pace-b-" + _run);
        var other = ("pace-c-" + _run, "pace-a-" + _run);
        await using var client = ScoringGridClient.Create(fixture.Server.Address, ScoringServer.Key);
        var request = new IngestRequest();
        var t = 1_767_225_600_000L;
        foreach (var (actor, target, id) in new[] { (known.Item1, known.Item2, "1"), (known.Item2, known.Item1, "2"), (other.Item1, other.Item2, "3") })
        {
            request.Interactions.Add(new Interaction { EventId = $"pace-{_run}-{id}", Actor = actor, Target = target, Kind = InteractionKind.Like, OccurredAt = t++ });
        }

        var ack = await client.IngestAsync(request);
        Assert.Equal(3u, ack.Accepted);
        return (known, other);
    }

    private static GetRelationshipRequest Relationship((string A, string B) pair) =>
        new() { Pair = new AccountPair { AccountA = pair.A, AccountB = pair.B } };

    private static byte[] Frame(IMessage message)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame.AsSpan(5));
        return frame;
    }

    private string WriteBodies(params IMessage[] messages)
    {
        var path = _files.PathOf($"bodies-{Guid.NewGuid():n}.bin");
        File.WriteAllBytes(path, messages.SelectMany(Frame).ToArray());
        return path;
    }

    private static async Task<BenchResult> PaceAsync(params string[] args)
    {
        var run = await ProcessRunner.RunAsync(await PaceBinary.PathAsync(), args, TimeSpan.FromSeconds(60));
        return new BenchResult(run.ExitCode, run.StandardOutput, run.StandardError);
    }

    /// <summary>Builds the tool once per test run with its own script.</summary>
    private static class PaceBinary
    {
        private static readonly Lazy<Task<string>> Built = new(BuildAsync);

        public static Task<string> PathAsync() => Built.Value;

        private static async Task<string> BuildAsync()
        {
            var script = FindScript();
            var environment = new Dictionary<string, string> { ["GRPC_PACE_BUILD_DIR"] = System.IO.Path.Combine(AppContext.BaseDirectory, "grpc-pace") };
            var run = await ProcessRunner.RunAsync("bash", [script], TimeSpan.FromSeconds(120), environment: environment);
            Assert.True(run.ExitCode == 0, $"tests/bench/pace/build.sh failed:\n{run.Output}");
            return run.StandardOutput.Trim();
        }

        private static string FindScript()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = System.IO.Path.Combine(directory.FullName, "tests", "bench", "pace", "build.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("tests/bench/pace/build.sh not found above " + AppContext.BaseDirectory);
        }
    }
}
