namespace ScoringGrid.Rpc.Client;

/// <summary>What every call object can tell about its call.</summary>
internal interface IGrpcCallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
