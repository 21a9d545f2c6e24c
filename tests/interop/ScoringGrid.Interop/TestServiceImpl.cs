using Google.Protobuf;
using Grpc.Testing;
using ScoringGrid.Rpc;

namespace ScoringGrid.Interop;

/// <summary>
/// The server side of the interop test descriptions: payloads of the requested sizes,
/// requested statuses, echoed metadata (<c>x-grpc-test-echo-initial</c> as a response header,
/// <c>x-grpc-test-echo-trailing-bin</c> as a trailer), and the compression checks
/// (<c>expect_compressed</c>, <c>response_compressed</c>).
/// </summary>
public sealed class TestServiceImpl
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(TestServiceMethods.ServiceName, TestReflection.Descriptor.Services.First(s => s.Name == "TestService"))
            .AddMethod(TestServiceMethods.EmptyCall, EmptyCall)
            .AddMethod(TestServiceMethods.UnaryCall, UnaryCall)
            .AddMethod(TestServiceMethods.CacheableUnaryCall, UnaryCall)
            .AddMethod(TestServiceMethods.StreamingOutputCall, StreamingOutputCall)
            .AddMethod(TestServiceMethods.StreamingInputCall, StreamingInputCall)
            .AddMethod(TestServiceMethods.FullDuplexCall, FullDuplexCall)
            .AddMethod(TestServiceMethods.HalfDuplexCall, HalfDuplexCall)
            .Build();

    public async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        return new Empty();
    }

    public async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        CheckCompression(request.ExpectCompressed, context);
        ThrowIfStatusRequested(request.ResponseStatus);
        context.WriteOptions = CompressionOptions(request.ResponseCompressed);
        return new SimpleResponse { Payload = CreatePayload(request.ResponseSize) };
    }

    public async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await WriteResponsesAsync(request, responseStream, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    public async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            CheckCompression(requestStream.Current.ExpectCompressed, context);
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            ThrowIfStatusRequested(requestStream.Current.ResponseStatus);
            await WriteResponsesAsync(requestStream.Current, responseStream, context);
        }
    }

    public async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        foreach (var request in requests)
        {
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    private static async Task WriteResponsesAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            responseStream.WriteOptions = CompressionOptions(parameters.Compressed);
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(parameters.Size) });
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var initial = context.RequestHeaders.Get(EchoInitialKey);
        if (initial is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata { initial });
        }

        var trailing = context.RequestHeaders.Get(EchoTrailingKey);
        if (trailing is not null)
        {
            context.ResponseTrailers.Add(trailing);
        }
    }

    private static void CheckCompression(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed is { Value: true } && !context.IsLastRequestMessageCompressed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request message."));
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is not null && status.Code != 0)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static WriteOptions CompressionOptions(BoolValue? compressed) =>
        compressed is { Value: true } ? WriteOptions.Default : new WriteOptions(WriteFlags.NoCompress);

    private static Payload CreatePayload(int size) => new()
    {
        Type = PayloadType.Compressable,
        Body = ByteString.CopyFrom(new byte[size]),
    };
}
