using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.V1;
using static ScoringGrid.Server.Tests.Ingest.Wire.WireRequests;

namespace ScoringGrid.Server.Tests.Ingest.Wire;

/// <summary>The wire reading of IngestRequest agrees with the generated protobuf type on any input.</summary>
public sealed class IngestWireRequestTests
{
    [Fact]
    public void Any_request_reads_as_the_generated_type_reads_it() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var message = Random(seed);
            var bytes = message.ToByteArray();
            using var wire = IngestWireRequest.Parse(bytes);
            AssertSame(IngestRequest.Parser.ParseFrom(bytes), wire);
            Assert.True(wire.Payload.SequenceEqual(bytes));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Damaged_bytes_are_refused_exactly_when_the_generated_type_refuses_them() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new System.Random(seed);
            var bytes = Damage(Random(seed).ToByteArray(), random);
            IngestRequest? expected = null;
            try
            {
                expected = IngestRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
            }

            if (expected is null)
            {
                Assert.Throws<FormatException>(() => IngestWireRequest.Parse(bytes));
            }
            else
            {
                using var wire = IngestWireRequest.Parse(bytes);
                AssertSame(expected, wire);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    [Fact]
    public void A_request_in_segments_reads_as_one_in_a_single_span()
    {
        var message = Random(7);
        message.Interactions.Add(new Interaction { EventId = "e", Actor = "a", Target = "b", Kind = InteractionKind.Like, OccurredAt = 1 });
        var bytes = message.ToByteArray();
        var first = new Segment(bytes.AsMemory(0, bytes.Length / 3));
        var last = first.Append(bytes.AsMemory(bytes.Length / 3));

        using var wire = IngestWireRequest.Parse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        AssertSame(message, wire);
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_and_known_numbers_of_another_type_are_skipped()
    {
        byte[] group = [.. Tag(20, 3), .. Tag(1, 0), .. Varint(5), .. Tag(21, 3), .. Tag(21, 4), .. Tag(20, 4)];
        var interaction = OneInteraction(
            Field(1, "e1"),
            [.. Tag(1, 0), .. Varint(9)], // event_id as a varint: not event_id
            Field(2, "actor"),
            [.. Tag(9, 5), 1, 2, 3, 4],
            [.. Tag(10, 1), 1, 2, 3, 4, 5, 6, 7, 8],
            Field(11, "ignored"),
            group,
            Field(3, "target"),
            [.. Tag(4, 0), .. Varint(3)],
            [.. Tag(4, 2), 0]); // kind as bytes: not kind
        byte[] bytes = [.. Tag(7, 0), .. Varint(1), .. Field(1, "batch"), .. group, .. interaction];

        using var wire = IngestWireRequest.Parse(bytes);

        AssertSame(IngestRequest.Parser.ParseFrom(bytes), wire);
        Assert.Equal("batch", wire.BatchId);
        Assert.Equal("e1", wire.String(wire[0].EventId));
        Assert.Equal(3, wire[0].Kind);
    }

    [Fact]
    public void The_last_occurrence_of_a_field_wins()
    {
        var bytes = OneInteraction(Field(2, "first"), [.. Tag(4, 0), .. Varint(1)], Field(2, "second"), [.. Tag(4, 0), .. Varint(8)]);

        using var wire = IngestWireRequest.Parse([.. Field(1, "b1"), .. bytes, .. Field(1, "b2")]);

        Assert.Equal("second", wire.String(wire[0].Actor));
        Assert.Equal(8, wire[0].Kind);
        Assert.Equal("b2", wire.BatchId);
    }

    [Fact]
    public void Optional_numbers_set_to_zero_are_present()
    {
        var message = new IngestRequest { Interactions = { new Interaction { Value = 0, Sentiment = 0 }, new Interaction() } };

        using var wire = IngestWireRequest.Parse(message.ToByteArray());

        Assert.True(wire[0].HasValue);
        Assert.True(wire[0].HasSentiment);
        Assert.False(wire[1].HasValue);
        Assert.False(wire[1].HasSentiment);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, "tag zero")]
    [InlineData(new byte[] { 0x0F }, "wire type 7")]
    [InlineData(new byte[] { 0x0E }, "wire type 6")]
    [InlineData(new byte[] { 0x0A, 0x05, 0x61 }, "ended in the middle")]
    [InlineData(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "longer than 10 bytes")]
    [InlineData(new byte[] { 0x1C }, "end-group tag has no matching")]
    [InlineData(new byte[] { 0x1B, 0x24 }, "does not match")]
    [InlineData(new byte[] { 0x1B }, "ended in the middle")]
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "negative length")]
    public void Malformed_requests_are_refused_with_the_reason(byte[] bytes, string reason)
    {
        Assert.ThrowsAny<InvalidProtocolBufferException>(() => IngestRequest.Parser.ParseFrom(bytes));

        var error = Assert.Throws<FormatException>(() => IngestWireRequest.Parse(bytes));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_malformed_interaction_is_named_by_its_index()
    {
        var good = OneInteraction(Field(1, "e"));
        var bad = Field(2, [.. Field(1, "e"), .. Tag(5, 1), 1, 2]);

        var error = Assert.Throws<FormatException>(() => IngestWireRequest.Parse([.. good, .. good, .. bad]));

        Assert.StartsWith("interactions[2]: ", error.Message);
    }

    [Fact]
    public void Groups_nested_beyond_the_limit_are_refused_and_within_it_skipped()
    {
        static byte[] Nested(int depth) =>
            [.. Enumerable.Repeat(Tag(30, 3), depth).SelectMany(t => t), .. Enumerable.Repeat(Tag(30, 4), depth).SelectMany(t => t)];

        using (var wire = IngestWireRequest.Parse([.. Nested(50), .. OneInteraction(Field(1, "e"))]))
        {
            Assert.Equal(1, wire.Count);
        }

        var error = Assert.Throws<FormatException>(() => IngestWireRequest.Parse(Nested(ProtoWireReader.MaxDepth + 5)));
        Assert.Contains("deeper than", error.Message);
    }

    [Fact]
    public void Invalid_UTF8_is_kept_as_bytes_and_read_as_the_generated_type_reads_it()
    {
        var bytes = OneInteraction(Field(2, [0xFF, 0x41]), Field(3, [0xC3]));

        using var wire = IngestWireRequest.Parse(bytes);

        Assert.Equal(new byte[] { 0xFF, 0x41 }, wire.Utf8(wire[0].Actor).ToArray());
        AssertSame(IngestRequest.Parser.ParseFrom(bytes), wire);
    }

    [Fact]
    public void A_large_batch_grows_its_interactions_and_keeps_them_in_order()
    {
        var message = new IngestRequest();
        for (var i = 0; i < 5000; i++)
        {
            message.Interactions.Add(new Interaction { EventId = "e" + i, Kind = InteractionKind.Like });
        }

        using var wire = IngestWireRequest.Parse(message.ToByteArray());

        AssertSame(message, wire);
    }

    [Fact]
    public void The_payload_is_the_bytes_received_and_dispose_is_idempotent()
    {
        var message = Random(11);
        var wire = IngestWireRequest.Parse(message.ToByteArray());

        Assert.True(wire.Payload.SequenceEqual(message.ToByteArray()));
        AssertSame(message, wire);
        wire.Dispose();
        wire.Dispose();
        Assert.Equal(0, wire.Count);
    }

    [Fact]
    public void The_marshaller_writes_back_the_bytes_it_read()
    {
        var bytes = Random(3).ToByteArray();
        using var wire = IngestWireMethods.Requests.Deserialize(new ReadOnlySequence<byte>(bytes));
        var written = new byte[IngestWireMethods.Requests.GetSize(wire)];

        IngestWireMethods.Requests.Serialize(wire, written);

        Assert.Equal(bytes, written);
        Assert.Equal("/scoringgrid.v1.IngestService/IngestStream", IngestWireMethods.IngestStream.FullName);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
