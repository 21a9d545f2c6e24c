using ScoringGrid.Bench.Replay;
using ScoringGrid.Bench.Tests.Fixtures;
using ScoringGrid.Bench.Workload;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Tests;

/// <summary>The two replay formats: good lines become interactions, bad lines are reported and skipped.</summary>
public sealed class ReplayParserTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact(Timeout = 10_000)]
    public async Task CollegeMsg_lines_are_direct_messages_at_the_second_times_1000()
    {
        await Task.Yield();
        var parser = new CollegeMsgParser("run-");
        Assert.True(parser.Parse(1, "Source Destination Timestamp").IsSkip);
        var message = parser.Parse(2, "1 2 1082040961").Interaction!;
        Assert.Equal("run-2", message.EventId);
        Assert.Equal("1", message.Actor);
        Assert.Equal("2", message.Target);
        Assert.Equal(InteractionKind.DirectMessage, message.Kind);
        Assert.Equal(1_082_040_961_000, message.OccurredAt);
        var tabs = parser.Parse(3, "  17\t42   1082155839  ").Interaction!;
        Assert.Equal(("17", "42", 1_082_155_839_000L), (tabs.Actor, tabs.Target, tabs.OccurredAt));
        Assert.True(parser.Parse(4, "").IsSkip);
        Assert.True(parser.Parse(5, "% a comment").IsSkip);
        Assert.True(parser.Parse(6, "# another").IsSkip);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("1 2", "has 2 fields")]
    [InlineData("1 2 3 4", "has 4 fields")]
    [InlineData("1 2 yesterday", "'yesterday' is not a number of seconds")]
    [InlineData("1 2 -5", "'-5' is not a number of seconds")]
    [InlineData("1 2 99999999999999999999", "is not a number of seconds")]
    [InlineData("7 7 1082040961", "source and destination are both '7'")]
    public async Task Bad_CollegeMsg_lines_say_what_is_wrong(string line, string reason)
    {
        await Task.Yield();
        var parser = new CollegeMsgParser("run-");
        Assert.NotNull(parser.Parse(1, "1 2 1082040961").Interaction);
        var parsed = parser.Parse(2, line);
        Assert.Null(parsed.Interaction);
        Assert.Contains(reason, parsed.Error);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_data_first_line_is_not_taken_for_a_header()
    {
        await Task.Yield();
        var parser = new CollegeMsgParser("run-");
        Assert.NotNull(parser.Parse(1, "alice bob 1082040961").Interaction);
        Assert.Contains("fields", new CollegeMsgParser("x").Parse(1, "alice bob").Error);
    }

    [Fact(Timeout = 10_000)]
    public async Task Json_lines_are_proto3_json_interactions()
    {
        await Task.Yield();
        var parser = new JsonLinesParser("run-");
        var reply = parser.Parse(1, """{"eventId": "e9", "actor": "brand0", "target": "u1", "kind": "INTERACTION_KIND_REPLY", "occurredAt": "1767225600000", "inReplyTo": "e3", "sentiment": 0.5}""").Interaction!;
        Assert.Equal(("e9", "brand0", "u1", InteractionKind.Reply, 1_767_225_600_000L, "e3"), (reply.EventId, reply.Actor, reply.Target, reply.Kind, reply.OccurredAt, reply.InReplyTo));
        Assert.Equal(0.5, reply.Sentiment);
        var conversion = parser.Parse(2, """{"actor": "u1", "target": "brand0", "kind": "INTERACTION_KIND_CONVERSION", "occurredAt": 1767225600000, "value": 12.5}""").Interaction!;
        Assert.Equal("run-2", conversion.EventId);
        Assert.Equal(12.5, conversion.Value);
        Assert.True(parser.Parse(3, "   ").IsSkip);
        Assert.True(parser.Parse(4, "# comment").IsSkip);
    }

    [Fact(Timeout = 10_000)]
    public async Task Rewritten_ids_carry_the_run_prefix_in_event_id_and_in_reply_to()
    {
        await Task.Yield();
        var parser = new JsonLinesParser("again-", rewriteIds: true);
        var reply = parser.Parse(1, """{"eventId": "e9", "actor": "b", "target": "a", "kind": "INTERACTION_KIND_REPLY", "occurredAt": "1767225600000", "inReplyTo": "e3"}""").Interaction!;
        Assert.Equal("again-e9", reply.EventId);
        Assert.Equal("again-e3", reply.InReplyTo);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("1 2 1082040961", "not a JSON object")]
    [InlineData("""{"eventId": "e1", "actor": """, "not a proto3-JSON interaction")]
    [InlineData("""{"eventId": "e1", "colour": "red"}""", "not a proto3-JSON interaction")]
    [InlineData("""{"eventId": "e1", "kind": "INTERACTION_KIND_HUG"}""", "not a proto3-JSON interaction")]
    [InlineData("""{"eventId": "e1", "occurredAt": "soon"}""", "not a proto3-JSON interaction")]
    public async Task Bad_json_lines_say_what_is_wrong(string line, string reason)
    {
        await Task.Yield();
        var parsed = new JsonLinesParser("run-").Parse(7, line);
        Assert.Null(parsed.Interaction);
        Assert.Contains(reason, parsed.Error);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_reader_detects_the_format_counts_lines_and_keeps_the_first_errors()
    {
        await Task.Yield();
        var college = _files.Write("messages.txt", "Source Destination Timestamp", "1 2 1082040961", "2 1 1082040999", "bad line", "", "3 1 1082041000");
        var reader = new ReplayReader(college, ReplayFormat.Auto, "r-", rewriteIds: false);
        Assert.Equal(ReplayFormat.CollegeMsg, reader.Format);
        var interactions = reader.Read().ToList();
        Assert.Equal(3, interactions.Count);
        Assert.Equal(["r-2", "r-3", "r-6"], interactions.Select(i => i.EventId));
        Assert.Equal((6L, 3L, 2L, 1L), (reader.Lines, reader.Interactions, reader.Skipped, reader.Malformed));
        Assert.StartsWith("line 4: has 2 fields", Assert.Single(reader.Errors));

        var json = _files.Write("events.log", """{"eventId": "a", "actor": "x", "target": "y", "kind": "INTERACTION_KIND_LIKE", "occurredAt": "1767225600000"}""", "{oops");
        var jsonReader = new ReplayReader(json, ReplayFormat.Auto, "r-", rewriteIds: false);
        Assert.Equal(ReplayFormat.JsonLines, jsonReader.Format);
        Assert.Single(jsonReader.Read());
        Assert.Equal(1, jsonReader.Malformed);

        Assert.Equal(ReplayFormat.JsonLines, ReplayFormatDetector.Detect(_files.Write("x.jsonl", "1 2 3")));
        Assert.Throws<InvalidDataException>(() => ReplayFormatDetector.Detect(_files.Write("what.txt", "a,b,c,d")));
        Assert.Null(ReplayFormatDetector.ParseName("xml"));
        Assert.Equal(ReplayFormat.CollegeMsg, ReplayFormatDetector.ParseName("CollegeMsg"));
    }

    [Fact(Timeout = 20_000)]
    public async Task An_emitted_workload_replays_to_the_same_interactions()
    {
        await Task.Yield();
        var shape = new WorkloadShape { Accounts = 500, Pairs = 1_000, Seed = 4, EventPrefix = "emit-" };
        var original = new SyntheticWorkload(shape).Take(3_000).ToList();
        var path = _files.PathOf("workload.jsonl");
        Assert.Equal(3_000, await WorkloadWriter.WriteFileAsync(path, original));
        var replayed = new ReplayReader(path, ReplayFormat.Auto, "unused-", rewriteIds: false).Read().ToList();
        Assert.Equal(original, replayed);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_real_CollegeMsg_file_parses_without_errors_when_present()
    {
        await Task.Yield();
        const string path = "/work/shared/data/collegemsg/CollegeMsg.txt";
        // The data set is read in place from the shared folder, never copied into the repository;
        // where it is absent, the same parser is covered by the synthetic files above.
        var file = File.Exists(path) ? path : _files.Write("college.txt", "Source Destination Timestamp", "1 2 1082040961", "3 4 1082155839");
        var reader = new ReplayReader(file, ReplayFormat.Auto, "c-", rewriteIds: false);
        var count = reader.Read().Count();
        Assert.Equal(ReplayFormat.CollegeMsg, reader.Format);
        Assert.Equal(0, reader.Malformed);
        Assert.Equal(reader.Lines - 1, count);
        Assert.True(count >= 2);
    }
}
