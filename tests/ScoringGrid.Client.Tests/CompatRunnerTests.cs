using System.Text.Json;
using ScoringGrid.Client.Compat;
using ScoringGrid.Client.Tests.Fixtures;

namespace ScoringGrid.Client.Tests;

/// <summary>The compat runner plays a scenario and writes the contract's document.</summary>
public sealed class CompatRunnerTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Plays_a_scenario_and_writes_the_answers()
    {
        var directory = Directory.CreateTempSubdirectory("sg-compat-");
        try
        {
            var scenario = Path.Combine(directory.FullName, "scenario.json");
            var output = Path.Combine(directory.FullName, "out.json");
            var brand = "brand-" + Guid.NewGuid().ToString("n")[..8];
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await File.WriteAllTextAsync(scenario, $$"""
                {
                  "accounts": [ { "account": { "accountId": "{{brand}}", "displayName": "Brand", "segment": "SEGMENT_BRAND" } } ],
                  "batches": [
                    [ { "eventId": "{{brand}}-1", "actor": "fan-{{brand}}", "target": "{{brand}}", "kind": "INTERACTION_KIND_MENTION", "occurredAt": "{{now - 7_200_000}}" } ],
                    [ { "eventId": "{{brand}}-2", "actor": "{{brand}}", "target": "fan-{{brand}}", "kind": "INTERACTION_KIND_REPLY", "occurredAt": "{{now - 3_600_000}}" },
                      { "eventId": "{{brand}}-3", "actor": "{{brand}}", "target": "{{brand}}", "kind": "INTERACTION_KIND_LIKE", "occurredAt": "{{now - 3_600_000}}" } ]
                  ],
                  "queries": [
                    { "method": "GetAccount", "request": { "accountId": "{{brand}}" } },
                    { "method": "GetResponsiveness", "request": { "accountId": "{{brand}}", "asOf": "{{now}}" } },
                    { "method": "GetTopRelationships", "request": { "accountId": "{{brand}}", "direction": "DIRECTION_INBOUND", "asOf": "{{now}}" } },
                    { "method": "GetRelationship", "request": { "pair": { "accountA": "{{brand}}", "accountB": "never-seen" } } }
                  ]
                }
                """);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var status = await CompatRunner.MainAsync(
                ["--address", fixture.Server.Address, "--api-key", ScoringServer.Key, "--scenario", scenario, "--out", output], stdout, stderr);

            Assert.True(status == 0, stderr.ToString());
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var root = document.RootElement;
            Assert.Equal("dotnet", root.GetProperty("client").GetString());
            Assert.True(root.GetProperty("upserts")[0].GetProperty("created").GetBoolean());
            var acks = root.GetProperty("acks");
            Assert.Equal(2, acks.GetArrayLength());
            Assert.Equal(1, acks[0].GetProperty("accepted").GetInt32());
            Assert.Equal("target", acks[1].GetProperty("rejected")[0].GetProperty("field").GetString());
            var results = root.GetProperty("results");
            Assert.Equal("SEGMENT_BRAND", results[0].GetProperty("response").GetProperty("segment").GetString());
            Assert.Equal("3600000", results[1].GetProperty("response").GetProperty("summary").GetProperty("medianAnswerMs").GetString());
            Assert.Equal("DIRECTION_INBOUND", results[2].GetProperty("response").GetProperty("direction").GetString());
            Assert.Equal("NOT_FOUND", results[3].GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("4 results (1 errors)", stdout.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Bad_usage_is_reported()
    {
        var stderr = new StringWriter();
        var status = await CompatRunner.MainAsync(["--address", "http://127.0.0.1:1"], TextWriter.Null, stderr);
        Assert.Equal(2, status);
        Assert.Contains("--api-key is required", stderr.ToString());
    }
}
