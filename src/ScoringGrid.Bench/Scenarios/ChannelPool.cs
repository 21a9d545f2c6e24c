using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// The connections of a run: one <see cref="GrpcChannel"/> per HTTP/2 connection (each with its
/// own handler, limited to a single connection), and the API key header every call carries.
/// Workers and streams are spread over the connections round-robin.
/// </summary>
public sealed class ChannelPool : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly CallInvoker[] _invokers;

    /// <summary>Opens (lazily: at the first call) <paramref name="connections"/> connections to a target.</summary>
    /// <param name="target">The server.</param>
    /// <param name="connections">How many HTTP/2 connections.</param>
    /// <param name="apiKey">The API key; null sends none.</param>
    public ChannelPool(Uri target, int connections, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        _channels = new GrpcChannel[connections];
        _invokers = new CallInvoker[connections];
        for (var i = 0; i < connections; i++)
        {
            var handler = GrpcChannel.CreateDefaultHandler();
            // Exactly one connection per channel: calls beyond the server's stream limit wait for
            // a free stream instead of opening another connection behind the run's back.
            handler.EnableMultipleHttp2Connections = false;
            _channels[i] = GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = handler, UserAgent = "scoringgrid-bench/1.0" });
            _invokers[i] = _channels[i].CreateCallInvoker();
        }

        Headers = new Metadata();
        if (!string.IsNullOrEmpty(apiKey))
        {
            Headers.Add("authorization", "Bearer " + apiKey);
        }
    }

    /// <summary>Number of connections.</summary>
    public int Count => _channels.Length;

    /// <summary>The request headers of every call (shared, never modified).</summary>
    public Metadata Headers { get; }

    /// <summary>The invoker of the connection that worker or stream <paramref name="index"/> uses.</summary>
    /// <param name="index">Worker or stream number.</param>
    public CallInvoker For(int index) => _invokers[index % _invokers.Length];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
