using ScoringGrid.Contracts;
using System.Threading.Channels;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Ingest;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Services;

/// <summary>scoringgrid.v1.IngestService: unary batches, and a stream of batches acked in order.</summary>
public sealed class IngestGrpcService(ApiKeyAuthenticator auth, IngestPipeline pipeline)
{
    /// <summary>Batches of one stream being applied at once; further reads wait.</summary>
    public const int MaxBatchesInFlightPerStream = 16;

    /// <summary>The service definition.</summary>
    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.IngestService, IngestReflection.Descriptor.Services[0])
            .AddMethod(IngestWireMethods.Ingest, Ingest)
            .AddMethod(IngestWireMethods.IngestStream, IngestStream)
            .Build();

    /// <summary>Ingest: one batch.</summary>
    public Task<IngestResponse> Ingest(IngestWireRequest request, ServerCallContext context) =>
        pipeline.IngestAsync(auth.Authenticate(context), request, context.CancellationToken);

    /// <summary>
    /// IngestStream: reads batches while earlier ones are applied; acks in order. A batch that
    /// fails (e.g. over the size limit) ends the stream with its status.
    /// </summary>
    public async Task IngestStream(IAsyncStreamReader<IngestWireRequest> requests, IServerStreamWriter<IngestResponse> responses, ServerCallContext context)
    {
        var tenant = auth.Authenticate(context);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var inFlight = Channel.CreateBounded<Task<IngestResponse>>(new BoundedChannelOptions(MaxBatchesInFlightPerStream) { SingleReader = true, SingleWriter = true });
        var acks = WriteAcksAsync(inFlight.Reader, responses, stop);
        try
        {
            while (await requests.MoveNext(stop.Token).ConfigureAwait(false))
            {
                var batch = pipeline.IngestAsync(tenant, requests.Current, context.CancellationToken);
                await inFlight.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // Only the ack writer cancels 'stop' by itself, when a batch failed (it may still be on its
            // way to faulted here): its error, awaited below, is the call's status.
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }

        await acks.ConfigureAwait(false);
    }

    private static async Task WriteAcksAsync(ChannelReader<Task<IngestResponse>> inFlight, IServerStreamWriter<IngestResponse> responses, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in inFlight.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await responses.WriteAsync(await batch.ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
