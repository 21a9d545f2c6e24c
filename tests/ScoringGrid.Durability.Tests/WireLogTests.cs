using Google.Protobuf;
using ScoringGrid.Contracts;
using ScoringGrid.Durability.Tests.Fixtures;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// The write-ahead log keeps an ingest request as the bytes received. A request with what only
/// a hand-written client sends (unknown fields, an id that is not UTF-8, a kind outside the enum)
/// must replay after a SIGKILL to exactly the state it left when it was acknowledged.
/// </summary>
public sealed class WireLogTests : IDisposable
{
    private const long T0 = 1_767_225_600_000;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-wire-log-").FullName;

    private static readonly string[] Settings =
    [
        "--ScoringGrid:Storage:Provider=sqlite",
        "--ScoringGrid:Storage:CheckpointInterval=01:00:00",
    ];

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact(Timeout = 60_000)]
    public async Task A_request_logged_as_received_replays_to_the_state_it_was_acknowledged_with()
    {
        var request = new MemoryStream();
        var output = new CodedOutputStream(request);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString("wire-batch");
        output.WriteTag(77, WireFormat.WireType.Varint); // unknown to the server
        output.WriteUInt64(5);
        WriteItem(output, "w1", ByteString.CopyFromUtf8("fan"), InteractionKind.Mention, T0);
        WriteItem(output, "w2", ByteString.CopyFrom(0x66, 0xC3), InteractionKind.Like, T0 + 1); // actor "f" + a cut-short sequence
        WriteItem(output, "w3", ByteString.CopyFromUtf8("fan"), (InteractionKind)268, T0 + 2);
        WriteItem(output, "w4", ByteString.CopyFromUtf8("fan"), InteractionKind.Like, T0 + 3, sentiment: 0.5);
        output.Flush();

        var server = await ServerProcess.StartAsync(_dataDirectory, Settings);
        RelationshipScore before;
        try
        {
            using var wire = IngestWireRequest.Parse(request.ToArray());
            var ack = await server.Invoker.AsyncUnaryCall(IngestWireMethods.Ingest, ServerProcess.Call(), wire).ResponseAsync;
            Assert.Equal(2u, ack.Accepted);
            Assert.Equal([1u, 2u], ack.Rejected.Select(r => r.Index));
            Assert.Equal(["actor", "kind"], ack.Rejected.Select(r => r.Field));
            before = await RelationshipAsync(server);
            await server.KillAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }

        var restarted = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            Assert.Contains("replayed 1 log records, 4 interactions", restarted.Output);
            var after = await RelationshipAsync(restarted);
            Assert.Equal(before, after);
            Assert.Equal(1ul, after.AToBCounts.Single(c => c.Kind == InteractionKind.Mention).Count);
            Assert.Equal(1ul, after.AToBCounts.Single(c => c.Kind == InteractionKind.Like).Count);
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    private static Task<RelationshipScore> RelationshipAsync(ServerProcess server) =>
        server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, ServerProcess.Call(), new GetRelationshipRequest
        {
            Pair = new AccountPair { AccountA = "fan", AccountB = "brand" },
            AsOf = T0 + 3_600_000,
        }).ResponseAsync;

    private static void WriteItem(CodedOutputStream output, string eventId, ByteString actor, InteractionKind kind, long at, double? sentiment = null)
    {
        var item = new MemoryStream();
        var fields = new CodedOutputStream(item);
        fields.WriteTag(1, WireFormat.WireType.LengthDelimited);
        fields.WriteString(eventId);
        fields.WriteTag(2, WireFormat.WireType.LengthDelimited);
        fields.WriteBytes(actor);
        fields.WriteTag(3, WireFormat.WireType.LengthDelimited);
        fields.WriteString("brand");
        fields.WriteTag(4, WireFormat.WireType.Varint);
        fields.WriteInt32((int)kind);
        fields.WriteTag(5, WireFormat.WireType.Varint);
        fields.WriteInt64(at);
        fields.WriteTag(90, WireFormat.WireType.LengthDelimited); // unknown to the server
        fields.WriteString("ignored");
        if (sentiment is double s)
        {
            fields.WriteTag(8, WireFormat.WireType.Fixed64);
            fields.WriteDouble(s);
        }

        fields.Flush();
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(item.ToArray()));
    }
}
