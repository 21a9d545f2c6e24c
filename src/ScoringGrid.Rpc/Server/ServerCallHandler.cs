using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ScoringGrid.Rpc;

/// <summary>
/// Serves one method: sets up the call, runs the method-kind specific part, races it
/// against the deadline, and ends the call with its status.
/// </summary>
internal abstract class ServerCallHandler
{
    protected ServerCallHandler(string fullName, MethodType type, RpcServerOptions options, ILogger logger)
    {
        FullName = fullName;
        Type = type;
        Options = options;
        Logger = logger;
    }

    public string FullName { get; }

    public MethodType Type { get; }

    protected RpcServerOptions Options { get; }

    protected ILogger Logger { get; }

    public async Task HandleCallAsync(HttpContext http)
    {
        var call = HttpServerCallContext.For(http, FullName, Options, Logger);
        try
        {
            if (call.Initialize() is { } rejected)
            {
                call.EndWithStatus(rejected);
                return;
            }

            if (Type != MethodType.Unary)
            {
                AllowLongLivedRequestBody(http);
            }

            try
            {
                var work = HandleCallCoreAsync(call);
                if (call.HasDeadline && !work.IsCompleted)
                {
                    var running = work.AsTask();
                    if (await Task.WhenAny(running, call.WhenDeadlineReached()).ConfigureAwait(false) != running)
                    {
                        await call.DeadlineExceededAsync().ConfigureAwait(false);
                    }

                    await running.ConfigureAwait(false);
                }
                else
                {
                    await work.ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                call.ProcessError(ex);
            }

            await call.EndCallAsync().ConfigureAwait(false);
        }
        finally
        {
            call.Dispose();
        }
    }

    /// <summary>Reads the request(s), runs the handler and writes the response(s).</summary>
    protected abstract ValueTask HandleCallCoreAsync(HttpServerCallContext call);

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    protected static async ValueTask<T> ReadSingleRequestAsync<T>(HttpServerCallContext call, Marshaller<T> marshaller)
    {
        var reader = call.GetHttpContext().Request.BodyReader;
        var max = call.Options.MaxReceiveMessageSize;
        var first = await MessageFrameReader.ReadAsync(reader, marshaller, max, call.RequestEncoding, call.CancellationToken).ConfigureAwait(false);
        if (!first.HasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Request did not include a message."));
        }

        var extra = await MessageFrameReader.ReadAsync(reader, marshaller, max, call.RequestEncoding, call.CancellationToken).ConfigureAwait(false);
        if (extra.HasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the request message: this method takes one message."));
        }

        call.LastMessageCompressed = first.WasCompressed;
        return first.Message;
    }

    private static void AllowLongLivedRequestBody(HttpContext http)
    {
        var rate = http.Features.Get<IHttpMinRequestBodyDataRateFeature>();
        if (rate is not null)
        {
            rate.MinDataRate = null;
        }

        var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false })
        {
            size.MaxRequestBodySize = null;
        }
    }
}
