using ScoringGrid.Cli.Tests.Fixtures;
using ScoringGrid.Client;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Tests;

/// <summary>The query commands in table and --json modes against a server holding a small known history.</summary>
public sealed class QueryCommandTests : IClassFixture<QueryCommandTests.HistoryFixture>, IDisposable
{
    private readonly HistoryFixture _history;
    private readonly CliRun _cli = new();

    public QueryCommandTests(HistoryFixture history) => _history = history;

    private ScoringServer Server => _history.Server;

    private string Ann => _history.Ann;

    private string Bob => _history.Bob;

    private string Cat => _history.Cat;

    private string AsOf => _history.AsOf.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Account_as_table_and_json()
    {
        var table = await _cli.RunAsync(Server, "account", Bob, "--as-of", AsOf);
        var json = await _cli.RunAsync(Server, "account", Bob, "--as-of", AsOf, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Account " + Bob, table.Out);
        Assert.Contains("Bob Builder", table.Out);
        Assert.Matches(@"Posts\s+│\s+1 │", table.Out);
        Assert.Matches(@"Response rate\s+│\s+50\.0 % │", table.Out);
        Assert.Contains("direct message", table.Out);
        Assert.Equal(0, json.ExitCode);
        var root = json.Json();
        Assert.Equal("Bob Builder", root.GetProperty("account").GetProperty("displayName").GetString());
        Assert.Equal(Bob, root.GetProperty("score").GetProperty("accountId").GetString());
        Assert.Equal("1", root.GetProperty("score").GetProperty("posts").GetString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Relationship_as_table_and_json()
    {
        var table = await _cli.RunAsync(Server, "relationship", Ann, Bob, "--as-of", AsOf);
        var json = await _cli.RunAsync(Server, "relationship", Ann, Bob, "--as-of", AsOf, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"Relationship {Ann} <-> {Bob}", table.Out);
        Assert.Matches($@"Tier for {Ann}\s+│\s+inner circle \(rank 1\) │", table.Out);
        Assert.Matches(@"│ mention\s+│\s+1 │\s+0 │", table.Out);
        var root = json.Json();
        Assert.Equal(Ann, root.GetProperty("pair").GetProperty("accountA").GetString());
        Assert.True(root.GetProperty("aToB").GetDouble() > root.GetProperty("bToA").GetDouble());
        Assert.Equal("TIER_INNER_CIRCLE", root.GetProperty("tierForA").GetString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Top_as_table_and_json()
    {
        var table = await _cli.RunAsync(Server, "top", Bob, "--as-of", AsOf);
        var json = await _cli.RunAsync(Server, "top", Bob, "--as-of", AsOf, "--direction", "inbound", "--limit", "1", "--min-tier", "close", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"Top relationships of {Bob} by strength", table.Out);
        Assert.Matches($@"│ 1 │ {Ann}\s+│ inner circle │", table.Out);
        Assert.Matches($@"│ 2 │ {Cat}\s+│ inner circle │", table.Out);
        var root = json.Json();
        Assert.Equal("DIRECTION_INBOUND", root.GetProperty("direction").GetString());
        var only = Assert.Single(root.GetProperty("relationships").EnumerateArray());
        Assert.Equal(Ann, only.GetProperty("otherAccount").GetString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Responsiveness_as_table_and_json()
    {
        var table = await _cli.RunAsync(Server, "responsiveness", Bob, "--as-of", AsOf);
        var json = await _cli.RunAsync(Server, "responsiveness", Bob, "--as-of", AsOf, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"Median answer time\s+│\s+30m │", table.Out);
        Assert.Matches(@"Open past SLA\s+│\s+1 │", table.Out);
        var summary = json.Json().GetProperty("summary");
        Assert.Equal("1800000", summary.GetProperty("medianAnswerMs").GetString());
        Assert.Equal(0.5, summary.GetProperty("responseRate").GetDouble());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Open_as_table_and_json()
    {
        var table = await _cli.RunAsync(Server, "open", Bob, "--as-of", AsOf);
        var json = await _cli.RunAsync(Server, "open", Bob, "--as-of", AsOf, "--json", "--limit", "5");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches($@"│ {Cat}\s+│ {_history.OpenEventId}\s+│", table.Out);
        Assert.Contains("1 open in all", table.Out);
        var root = json.Json();
        Assert.Equal(1, root.GetProperty("totalOpen").GetInt32());
        Assert.True(root.GetProperty("expectations")[0].GetProperty("pastSla").GetBoolean());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Health_as_text_and_json()
    {
        var text = await _cli.RunAsync(Server, "health");
        var json = await _cli.RunAsync(Server, "health", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("SERVING", text.Out);
        Assert.Equal("SERVING", json.Json().GetProperty("status").GetString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Not_found_exits_5_with_the_reason()
    {
        var result = await _cli.RunAsync(Server, "account", "never-seen-" + Guid.NewGuid().ToString("n"));

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.StartsWith("sgctl: not found: ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_wrong_key_exits_4()
    {
        var result = await _cli.RunAsync("account", Ann, "--address", Server.Address, "--api-key", "wrong-key");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("refused the API key given with --api-key", result.Error);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task An_unreachable_server_exits_3()
    {
        var port = FreePort();
        var result = await _cli.RunAsync("health", "--address", $"http://127.0.0.1:{port}", "--api-key", "k", "--timeout", "5s");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains($"cannot reach the ScoringGrid server at http://127.0.0.1:{port}", result.Error);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Bad_values_and_commands_exit_2()
    {
        var asOf = await _cli.RunAsync(Server, "account", Ann, "--as-of", "yesterday-ish");
        var tier = await _cli.RunAsync(Server, "top", Ann, "--min-tier", "best");
        var timeout = await _cli.RunAsync(Server, "health", "--timeout", "-3s");
        var unknown = await _cli.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, asOf.ExitCode);
        Assert.Contains("--as-of: 'yesterday-ish'", asOf.Error);
        Assert.Equal(ExitCodes.Usage, tier.ExitCode);
        Assert.Contains("--min-tier: 'best'", tier.Error);
        Assert.Equal(ExitCodes.Usage, timeout.ExitCode);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("frobnicate", unknown.Error);
    }

    public void Dispose() => _cli.Dispose();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A server holding: ann mentions bob (answered after 30 min), cat DMs bob (never answered),
    /// ann likes bob, bob posts once; bob is upserted as "Bob Builder". Queries run two days later.
    /// </summary>
    public sealed class HistoryFixture : IAsyncLifetime
    {
        public ScoringServer Server { get; private set; } = null!;

        public string Ann { get; } = "ann-" + Guid.NewGuid().ToString("n")[..6];

        public string Bob { get; } = "bob-" + Guid.NewGuid().ToString("n")[..6];

        public string Cat { get; } = "cat-" + Guid.NewGuid().ToString("n")[..6];

        public string OpenEventId { get; } = "dm-" + Guid.NewGuid().ToString("n")[..6];

        public long AsOf { get; private set; }

        public async Task InitializeAsync()
        {
            Server = await ScoringServer.StartAsync();
            var t0 = DateTimeOffset.UtcNow.AddDays(-3);
            AsOf = t0.AddDays(2).ToUnixTimeMilliseconds();
            await using var client = ScoringGridClient.Create(Server.Address, ScoringServer.Key);
            await client.UpsertAccountAsync(new Account { AccountId = Bob, DisplayName = "Bob Builder", Segment = Segment.Customer });
            var mention = Interactions.Mention(Ann, Bob, t0);
            var ack = await client.IngestAsync(
            [
                mention,
                Interactions.Reply(Bob, Ann, t0.AddMinutes(30), mention.EventId),
                Interactions.DirectMessage(Cat, Bob, t0.AddHours(1), OpenEventId),
                Interactions.Like(Ann, Bob, t0.AddHours(2)),
                Interactions.Conversion(Ann, Bob, 20, t0.AddHours(3)),
                Interactions.Post(Bob, t0.AddHours(4)),
            ]);
            Assert.Equal(6u, ack.Accepted);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
