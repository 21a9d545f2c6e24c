using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;

namespace ScoringGrid.Client;

/// <summary>
/// A client of one ScoringGrid server: typed asynchronous methods for every RPC of
/// <c>scoringgrid.v1</c> and the health check. Every call carries the API key and a deadline
/// (the client's <see cref="ScoringGridClientOptions.DefaultTimeout"/> unless the call sets one);
/// idempotent calls (queries, health, ingestion) are retried on UNAVAILABLE by the
/// <see cref="ScoringGridClientOptions.Retry"/> policy. Failed calls throw <see cref="RpcException"/>.
/// Thread-safe: create one per server and share it.
/// </summary>
public sealed partial class ScoringGridClient : IAsyncDisposable, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly Metadata.Entry? _authorization;
    private int _disposed;

    /// <summary>Creates a client; the connection opens with the first call.</summary>
    /// <param name="options">Address, API key, deadlines and retries.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public ScoringGridClient(ScoringGridClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _channel = GrpcChannel.ForAddress(options.Address, options.ChannelOptions);
        _invoker = _channel.CreateCallInvoker();
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _authorization = new Metadata.Entry("authorization", "Bearer " + options.ApiKey);
        }
    }

    /// <summary>Creates a client of a server with an API key and the default settings.</summary>
    /// <param name="address">E.g. <c>http://127.0.0.1:50051</c>.</param>
    /// <param name="apiKey">The API key.</param>
    public static ScoringGridClient Create(string address, string? apiKey) =>
        new(new ScoringGridClientOptions { Address = address, ApiKey = apiKey });

    /// <summary>The options the client was created with (do not change them afterwards).</summary>
    public ScoringGridClientOptions Options { get; }

    /// <summary>The server's address.</summary>
    public Uri Address => _channel.Address;

    internal CallInvoker Invoker => _invoker;

    /// <summary>Closes the client's connections; calls in progress are cancelled.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the client's connections; calls in progress are cancelled.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Dispose();
        }
    }

    /// <summary>The deadline a call runs under: the call's own, else its timeout, else the default one.</summary>
    internal static DateTime? ResolveDeadline(CallSettings? settings, TimeSpan defaultTimeout)
    {
        if (settings?.Deadline is { } deadline)
        {
            return deadline.ToUniversalTime();
        }

        var timeout = settings?.Timeout ?? defaultTimeout;
        return timeout == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + timeout;
    }

    /// <summary>The metadata of a call: the API key and the call's extra headers.</summary>
    internal Metadata CreateHeaders(CallSettings? settings)
    {
        var headers = new Metadata();
        if (_authorization is not null)
        {
            headers.Add(_authorization);
        }

        if (settings?.Headers is { } extra)
        {
            foreach (var entry in extra)
            {
                headers.Add(entry);
            }
        }

        return headers;
    }

    /// <summary>Runs a unary call, retrying UNAVAILABLE when the call is idempotent, all within one deadline.</summary>
    internal async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, bool idempotent, CallSettings? settings, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var deadline = ResolveDeadline(settings, Options.DefaultTimeout);
        var options = new CallOptions(CreateHeaders(settings), deadline, cancellationToken);
        var policy = idempotent ? settings?.Retry ?? Options.Retry : RetryPolicy.None;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var call = _invoker.AsyncUnaryCall(method, options, request);
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < policy.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var backoff = policy.GetBackoff(attempt, Random.Shared.NextDouble());
                if (deadline is { } end && DateTime.UtcNow + backoff >= end)
                {
                    throw;
                }

                await DelayAsync(backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits before a retry; cancellation ends the call as CANCELLED, like a cancelled attempt.</summary>
    internal static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
        }
    }
}
