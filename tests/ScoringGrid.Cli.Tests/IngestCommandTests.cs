using System.Text.Json;
using ScoringGrid.Cli.Tests.Fixtures;

namespace ScoringGrid.Cli.Tests;

/// <summary><c>sgctl ingest</c> in each format: good lines ingested, bad lines reported by number, rejections mapped back to lines.</summary>
public sealed class IngestCommandTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>, IDisposable
{
    private readonly CliRun _cli = new();
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("sg-cli-files-");
    private readonly string _run = Guid.NewGuid().ToString("n")[..8];
    private readonly long _t0 = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds();

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Csv_lines_are_ingested_and_bad_ones_reported_by_line_number()
    {
        var path = Write("interactions.csv",
            "event_id,actor,target,kind,occurred_at,in_reply_to,value,sentiment",
            $"{_run}-1,ann-{_run},bob-{_run},mention,{_t0},,,0.5",
            $"{_run}-2,bob-{_run},ann-{_run},REPLY,{_t0 + 60_000},{_run}-1,,",
            "",
            "# a comment",
            $"{_run}-3,ann-{_run},ann-{_run},like,{_t0},,,",
            $"{_run}-4,ann-{_run},bob-{_run},lik,{_t0},,,",
            $"{_run}-5,ann-{_run},bob-{_run},conversion,{_t0},,lots,",
            $"\"{_run}-6\",\"ann-{_run}\",bob-{_run},INTERACTION_KIND_CONVERSION,{DateTimeOffset.FromUnixTimeMilliseconds(_t0):O},,12.5,",
            $",ann-{_run},bob-{_run},share,{_t0},,,",
            $"{_run}-8,ann-{_run},bob-{_run},like",
            $"{_run}-9,ann-{_run},bob-{_run},conversion,{_t0},,,");

        var result = await _cli.RunAsync(fixture.Server, "ingest", path, "--json");

        Assert.True(result.ExitCode == ExitCodes.PartialIngest, result.ToString());
        var json = result.Json();
        Assert.Equal("csv", json.GetProperty("format").GetString());
        Assert.Equal(12, json.GetProperty("lines").GetInt32());
        Assert.Equal(4, json.GetProperty("accepted").GetInt32());
        Assert.Equal(2, json.GetProperty("rejected").GetInt32());
        Assert.Equal(3, json.GetProperty("malformed").GetInt32());
        var errors = Errors(json);
        Assert.Equal(new[] { 6L, 7, 8, 11, 12 }, errors.Select(e => e.Line));
        Assert.Equal(("target", "server"), (errors[0].Field, errors[0].Source));
        Assert.Equal(("kind", "parse"), (errors[1].Field, errors[1].Source));
        Assert.Contains("'lik' is not a kind", errors[1].Reason);
        Assert.Equal("value", errors[2].Field);
        Assert.Contains("has 4 fields; the header has 8", errors[3].Reason);
        Assert.Equal(("value", "server"), (errors[4].Field, errors[4].Source));

        var again = await _cli.RunAsync(fixture.Server, "ingest", path, "--json");

        Assert.Equal(0, again.Json().GetProperty("accepted").GetInt32());
        Assert.Equal(4, again.Json().GetProperty("duplicates").GetInt32());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Json_lines_are_ingested_and_bad_ones_reported_by_line_number()
    {
        var path = Write("interactions.jsonl",
            $$"""{"eventId": "{{_run}}-j1", "actor": "cat-{{_run}}", "target": "dan-{{_run}}", "kind": "INTERACTION_KIND_DIRECT_MESSAGE", "occurredAt": "{{_t0}}"}""",
            $$"""{"actor": "dan-{{_run}}", "target": "cat-{{_run}}", "kind": "INTERACTION_KIND_DIRECT_MESSAGE", "occurredAt": "{{_t0 + 1000}}"}""",
            "",
            $$"""{"actor": "dan-{{_run}}", "colour": "blue"}""",
            "not json at all",
            $$"""{"eventId": "{{_run}}-j5", "actor": "dan-{{_run}}", "target": "cat-{{_run}}", "kind": "INTERACTION_KIND_LIKE", "occurredAt": "{{_t0}}", "sentiment": 3}""");

        var result = await _cli.RunAsync(fixture.Server, "ingest", path, "--json");

        Assert.True(result.ExitCode == ExitCodes.PartialIngest, result.ToString());
        var json = result.Json();
        Assert.Equal("jsonl", json.GetProperty("format").GetString());
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        var errors = Errors(json);
        Assert.Equal(new[] { 4L, 5, 6 }, errors.Select(e => e.Line));
        Assert.Contains("colour", errors[0].Reason);
        Assert.Equal(("sentiment", "server"), (errors[2].Field, errors[2].Source));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CollegeMsg_lines_become_direct_messages_with_derived_event_ids()
    {
        var seconds = _t0 / 1000;
        var path = Write("messages.txt",
            "Source Destination Timestamp",
            $"1{_run} 2{_run} {seconds}",
            $"2{_run} 1{_run} {seconds + 600}",
            $"1{_run} 3{_run} {seconds + 900}",
            $"1{_run} 3{_run}",
            $"3{_run} 3{_run} {seconds + 1000}");

        var result = await _cli.RunAsync(fixture.Server, "ingest", path, "--json");

        Assert.True(result.ExitCode == ExitCodes.PartialIngest, result.ToString());
        var json = result.Json();
        Assert.Equal("collegemsg", json.GetProperty("format").GetString());
        Assert.Equal(3, json.GetProperty("accepted").GetInt32());
        Assert.Equal(1, json.GetProperty("skipped").GetInt32());
        Assert.Equal(new[] { 5L, 6 }, Errors(json).Select(e => e.Line));

        var relationship = await _cli.RunAsync(fixture.Server, "relationship", $"1{_run}", $"2{_run}", "--json");
        var counts = relationship.Json().GetProperty("aToBCounts");
        Assert.Equal("INTERACTION_KIND_DIRECT_MESSAGE", counts[0].GetProperty("kind").GetString());

        var again = await _cli.RunAsync(fixture.Server, "ingest", path, "--json", "--format", "collegemsg");
        Assert.Equal(3, again.Json().GetProperty("duplicates").GetInt32());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_table_lists_the_lines_not_ingested()
    {
        var path = Write("few.csv",
            "actor,target,kind,occurred_at",
            $"ann-{_run},bob-{_run},like,{_t0}",
            $"ann-{_run},bob-{_run},wave,{_t0}",
            $"ann-{_run},,like,{_t0}");

        var result = await _cli.RunAsync(fixture.Server, "ingest", path);

        Assert.Equal(ExitCodes.PartialIngest, result.ExitCode);
        Assert.Contains("Lines not ingested", result.Out);
        Assert.Matches(@"│\s+3 │ kind\s+│ 'wave' is not a kind", result.Out);
        Assert.Matches(@"│\s+4 │ target\s+│ is required\s+│ rejected by server", result.Out);
        Assert.Matches(@"Accepted\s+│\s+1 │", result.Out);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task The_format_comes_from_the_content_when_the_extension_does_not_tell()
    {
        var path = Write("export.data", "actor,target,kind,occurred_at", $"ann-{_run},bob-{_run},follow,{_t0}");

        var result = await _cli.RunAsync(fixture.Server, "ingest", path, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("csv", result.Json().GetProperty("format").GetString());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Unreadable_files_are_usage_errors()
    {
        var noHeader = Write("noheader.csv", $"ann-{_run},bob-{_run},follow,{_t0}");
        var unknown = Write("mystery.bin", "???");

        var missingFile = await _cli.RunAsync(fixture.Server, "ingest", Path.Combine(_files.FullName, "absent.csv"));
        var badHeader = await _cli.RunAsync(fixture.Server, "ingest", noHeader);
        var undetectable = await _cli.RunAsync(fixture.Server, "ingest", unknown);
        var badFormat = await _cli.RunAsync(fixture.Server, "ingest", noHeader, "--format", "xml");

        Assert.Equal(ExitCodes.Usage, missingFile.ExitCode);
        Assert.Contains("does not exist", missingFile.Error);
        Assert.Equal(ExitCodes.Usage, badHeader.ExitCode);
        Assert.Contains("line 1: the header names an unknown column", badHeader.Error);
        Assert.Equal(ExitCodes.Usage, undetectable.ExitCode);
        Assert.Contains("pass --format", undetectable.Error);
        Assert.Equal(ExitCodes.Usage, badFormat.ExitCode);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _files.Delete(recursive: true);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static List<(long Line, string Field, string Reason, string Source)> Errors(JsonElement json) =>
        json.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("field").GetString()!, e.GetProperty("reason").GetString()!, e.GetProperty("source").GetString()!))
            .ToList();
}
