using ScoringGrid.Cli.Tests.Fixtures;

namespace ScoringGrid.Cli.Tests;

/// <summary><c>sgctl demo</c> end to end: the dataset loads cleanly and the scorecard has every part.</summary>
public sealed class DemoCommandTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>, IDisposable
{
    private readonly CliRun _cli = new();

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_json_scorecard_has_every_part()
    {
        var result = await _cli.RunAsync(fixture.Server, "demo", "--json", "--audience", "600", "--seed", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        var card = result.Json();
        var dataset = card.GetProperty("dataset");
        Assert.Equal(601, dataset.GetProperty("accounts").GetInt32());
        Assert.True(dataset.GetProperty("interactions").GetInt32() > 3000);
        Assert.Equal(dataset.GetProperty("interactions").GetInt32(), dataset.GetProperty("accepted").GetInt32());
        Assert.Equal(0, dataset.GetProperty("rejected").GetInt32());
        Assert.StartsWith("northwind-", card.GetProperty("brand").GetProperty("accountId").GetString());

        var strongest = card.GetProperty("strongestRelationships").EnumerateArray().ToList();
        Assert.Equal(10, strongest.Count);
        Assert.Equal(Enumerable.Range(1, 10), strongest.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(strongest.Take(5), r => Assert.Equal("inner-circle", r.GetProperty("tier").GetString()));
        Assert.All(strongest.Skip(5), r => Assert.Equal("close", r.GetProperty("tier").GetString()));
        Assert.True(strongest[0].GetProperty("strength").GetDouble() >= strongest[9].GetProperty("strength").GetDouble());
        Assert.All(strongest, r => Assert.NotEqual("", r.GetProperty("displayName").GetString()));

        var responsiveness = card.GetProperty("responsiveness");
        Assert.InRange(responsiveness.GetProperty("responseRate").GetDouble(), 0.5, 0.999);
        var median = long.Parse(responsiveness.GetProperty("medianAnswerMs").GetString()!);
        var p90 = long.Parse(responsiveness.GetProperty("p90AnswerMs").GetString()!);
        Assert.InRange(median, 60_000, p90);
        Assert.True(p90 > 6 * 3_600_000, "some mentions are answered late");

        var unanswered = card.GetProperty("oldestUnanswered").EnumerateArray().ToList();
        Assert.Equal(5, unanswered.Count);
        Assert.All(unanswered, u => Assert.Contains(u.GetProperty("kind").GetString(), new[] { "mention", "direct_message" }));
        Assert.True(unanswered[0].GetProperty("openedAt").GetInt64() <= unanswered[4].GetProperty("openedAt").GetInt64());
        Assert.True(card.GetProperty("totalOpen").GetInt32() >= 5);

        var followers = card.GetProperty("followers");
        var total = long.Parse(followers.GetProperty("followers").GetString()!);
        var engaged = long.Parse(followers.GetProperty("engaged").GetString()!);
        var silent = long.Parse(followers.GetProperty("silent").GetString()!);
        Assert.True(engaged > 0 && silent > 0, "both engaged and silent followers");
        Assert.Equal(total, engaged + silent);

        var rates = card.GetProperty("postRates");
        Assert.InRange(long.Parse(rates.GetProperty("posts").GetString()!), 30, 70);
        Assert.True(rates.GetProperty("conversationRate").GetDouble() > 0);
        Assert.True(rates.GetProperty("amplificationRate").GetDouble() > 0);
        Assert.True(rates.GetProperty("applauseRate").GetDouble() > rates.GetProperty("amplificationRate").GetDouble());
        Assert.True(rates.GetProperty("economicValue").GetDouble() > 0);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_table_scorecard_has_every_part()
    {
        var result = await _cli.RunAsync(fixture.Server, "demo", "--audience", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var part in new[]
                 {
                     "Scorecard: Northwind Coffee Roasters", "Strongest relationships", "inner circle", "Responsiveness to mentions and direct messages",
                     "Median answer time", "90th percentile answer time", "Oldest unanswered", "Followers", "Silent", "Kaushik rates",
                     "Conversation rate", "Amplification rate", "Applause rate", "Economic value",
                 })
        {
            Assert.Contains(part, result.Out);
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Running_again_with_the_same_tag_is_harmless()
    {
        _cli.Now = DateTimeOffset.UtcNow;
        var tag = "t" + Guid.NewGuid().ToString("n")[..6];

        var first = await _cli.RunAsync(fixture.Server, "demo", "--json", "--audience", "200", "--tag", tag);
        var second = await _cli.RunAsync(fixture.Server, "demo", "--json", "--audience", "200", "--tag", tag);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        var interactions = first.Json().GetProperty("dataset").GetProperty("interactions").GetInt32();
        Assert.Equal(interactions, second.Json().GetProperty("dataset").GetProperty("duplicates").GetInt32());
        Assert.Equal(0, second.Json().GetProperty("dataset").GetProperty("accepted").GetInt32());
        Assert.Equal(
            first.Json().GetProperty("followers").GetProperty("followers").GetString(),
            second.Json().GetProperty("followers").GetProperty("followers").GetString());
    }

    public void Dispose() => _cli.Dispose();
}
