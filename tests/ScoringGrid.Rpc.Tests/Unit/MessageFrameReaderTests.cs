using System.Buffers;
using System.IO.Pipelines;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Testing;

namespace ScoringGrid.Rpc.Tests.Unit;

/// <summary>Message framing across arbitrary DATA frame boundaries.</summary>
public sealed class MessageFrameReaderTests
{
    private static readonly Marshaller<SimpleRequest> Marshaller = Marshallers.Protobuf(SimpleRequest.Parser);

    [Fact]
    public void Messages_survive_any_split_of_the_byte_stream() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<int[]>(),
            ArbMap.Default.ArbFor<int[]>(),
            (sizes, cuts) =>
            {
                var messages = (sizes ?? Array.Empty<int>()).Take(6)
                    .Select(s => new SimpleRequest { ResponseSize = s, Payload = new Payload { Body = ByteString.CopyFrom(new byte[Math.Abs(s % 300)]) } })
                    .ToArray();
                var bytes = new ArrayBufferWriter<byte>();
                foreach (var message in messages)
                {
                    MessageFrameWriter.Write(bytes, message, Marshaller, MessageFrameWriter.NeverCompress, null);
                }

                var read = ReadAllAsync(bytes.WrittenMemory.ToArray(), (cuts ?? Array.Empty<int>()).Select(c => Math.Abs(c % 17) + 1).ToArray())
                    .GetAwaiter().GetResult();
                return read.SequenceEqual(messages);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task Compressed_messages_round_trip()
    {
        var message = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[10_000]) } };
        var bytes = new ArrayBufferWriter<byte>();
        MessageFrameWriter.Write(bytes, message, Marshaller, compressionThreshold: 0, null);
        Assert.Equal(1, bytes.WrittenSpan[0]);
        Assert.True(bytes.WrittenCount < 1000);

        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes.WrittenMemory);
        await pipe.Writer.CompleteAsync();
        var result = await MessageFrameReader.ReadAsync(pipe.Reader, Marshaller, 1 << 20, "gzip", CancellationToken.None);

        Assert.True(result.WasCompressed);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Send_limit_is_enforced()
    {
        var message = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } };

        var error = Assert.Throws<RpcException>(() => MessageFrameWriter.Write(new ArrayBufferWriter<byte>(), message, Marshaller, MessageFrameWriter.NeverCompress, 50));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private static async Task<List<SimpleRequest>> ReadAllAsync(byte[] bytes, int[] cuts)
    {
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            var offset = 0;
            var i = 0;
            while (offset < bytes.Length)
            {
                var size = cuts.Length == 0 ? bytes.Length : Math.Min(cuts[i++ % cuts.Length], bytes.Length - offset);
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, size));
                offset += size;
            }

            await pipe.Writer.CompleteAsync();
        });
        var messages = new List<SimpleRequest>();
        while (true)
        {
            var result = await MessageFrameReader.ReadAsync(pipe.Reader, Marshaller, 1 << 20, null, CancellationToken.None);
            if (!result.HasMessage)
            {
                break;
            }

            messages.Add(result.Message);
        }

        await writer;
        return messages;
    }
}
