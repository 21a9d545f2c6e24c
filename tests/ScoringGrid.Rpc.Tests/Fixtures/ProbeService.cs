using System.Collections.Concurrent;
using Grpc.Testing;
using ScoringGrid.Rpc;

namespace ScoringGrid.Rpc.Tests.Fixtures;

/// <summary>
/// Test-only methods that expose what the server did: throw, wait for cancellation, ignore
/// the deadline, report the metadata it saw and the connection it ran on.
/// </summary>
public sealed class ProbeService
{
    public const string ServiceName = "scoringgrid.test.Probe";

    public static readonly Method<SimpleRequest, SimpleResponse> Throw = Unary("Throw");
    public static readonly Method<SimpleRequest, SimpleResponse> AwaitCancellation = Unary("AwaitCancellation");
    public static readonly Method<SimpleRequest, SimpleResponse> SleepIgnoringDeadline = Unary("SleepIgnoringDeadline");
    public static readonly Method<SimpleRequest, SimpleResponse> HoldIgnoringDeadline = Unary("HoldIgnoringDeadline");
    public static readonly Method<SimpleRequest, SimpleResponse> Headers = Unary("Headers");
    public static readonly Method<SimpleRequest, SimpleResponse> Connection = Unary("Connection");
    public static readonly Method<SimpleRequest, SimpleResponse> Status = Unary("Status");

    /// <summary>A duplex call the server ends with UNAVAILABLE after the first message, the rest of the request unread.</summary>
    public static readonly Method<SimpleRequest, SimpleResponse> RefuseStream =
        new(MethodType.DuplexStreaming, ServiceName, "RefuseStream", Marshallers.Protobuf(SimpleRequest.Parser), Marshallers.Protobuf(SimpleResponse.Parser));

    public const string Refusal = "refused after the first message";

    /// <summary>Completed with the probe id when a handler saw its call cancelled.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<bool>> Cancelled { get; } = new();

    /// <summary>Calls of <see cref="Connection"/> wait for this gate when asked to hold.</summary>
    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Calls of <see cref="HoldIgnoringDeadline"/> wait for this, ignoring their cancellation token.</summary>
    public TaskCompletionSource HoldGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Number of calls of <see cref="Connection"/> currently held at the gate.</summary>
    public int Held;

    public TaskCompletionSource<bool> CancellationOf(string probeId) =>
        Cancelled.GetOrAdd(probeId, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(ServiceName)
            .AddMethod(Throw, (SimpleRequest _, ServerCallContext _) => throw new InvalidOperationException("secret internal detail"))
            .AddMethod(AwaitCancellation, async (request, context) =>
            {
                var observed = CancellationOf(request.Payload?.Body.ToStringUtf8() ?? string.Empty);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    observed.TrySetResult(true);
                    throw;
                }

                return new SimpleResponse();
            })
            .AddMethod(SleepIgnoringDeadline, async (request, _) =>
            {
                await Task.Delay(request.ResponseSize);
                return new SimpleResponse { Username = "slept" };
            })
            .AddMethod(HoldIgnoringDeadline, async (SimpleRequest _, ServerCallContext _) =>
            {
                await HoldGate.Task;
                return new SimpleResponse { Username = "released" };
            })
            .AddMethod(Headers, (SimpleRequest _, ServerCallContext context) =>
            {
                var keys = string.Join(",", context.RequestHeaders.Select(e => e.Key));
                foreach (var entry in context.RequestHeaders.Where(e => e.IsBinary))
                {
                    context.ResponseTrailers.Add("echo-" + entry.Key, entry.ValueBytes);
                }

                return Task.FromResult(new SimpleResponse { Username = keys });
            })
            .AddMethod(Connection, async (request, context) =>
            {
                if (request.FillUsername)
                {
                    Interlocked.Increment(ref Held);
                    await Gate.Task.WaitAsync(context.CancellationToken);
                }

                return new SimpleResponse { ServerId = context.GetHttpContext().Connection.Id };
            })
            .AddMethod(Status, (SimpleRequest request, ServerCallContext _) =>
                throw new RpcException(new Rpc.Status((StatusCode)request.ResponseStatus.Code, request.ResponseStatus.Message)))
            .AddMethod(RefuseStream, async (IAsyncStreamReader<SimpleRequest> requests, IServerStreamWriter<SimpleResponse> _, ServerCallContext context) =>
            {
                await requests.MoveNext(context.CancellationToken);
                throw new RpcException(new Rpc.Status(StatusCode.Unavailable, Refusal));
            })
            .Build();

    private static Method<SimpleRequest, SimpleResponse> Unary(string name) =>
        new(MethodType.Unary, ServiceName, name, Marshallers.Protobuf(SimpleRequest.Parser), Marshallers.Protobuf(SimpleResponse.Parser));
}
