using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ScoringGrid.Bench.Echo;

namespace ScoringGrid.Rpc.Benchmarks;

/// <summary>Framing one message into a buffer writer, and reading one back from a pipe.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly Marshaller<EchoMessage> Marshaller = Marshallers.Protobuf(EchoMessage.Parser);
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly EchoMessage _message = new() { Payload = ByteString.CopyFrom(new byte[16]) };
    private Pipe _pipe = null!;
    private byte[] _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        MessageFrameWriter.Write(_output, _message, Marshaller, MessageFrameWriter.NeverCompress, null);
        _frame = _output.WrittenSpan.ToArray();
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    }

    [Benchmark]
    public int WriteFrame()
    {
        _output.ResetWrittenCount();
        MessageFrameWriter.Write(_output, _message, Marshaller, MessageFrameWriter.NeverCompress, null);
        return _output.WrittenCount;
    }

    [Benchmark]
    public async Task<EchoMessage> ReadFrame()
    {
        await _pipe.Writer.WriteAsync(_frame);
        var result = await MessageFrameReader.ReadAsync(_pipe.Reader, Marshaller, 4 << 20, null, CancellationToken.None);
        return result.Message;
    }
}
