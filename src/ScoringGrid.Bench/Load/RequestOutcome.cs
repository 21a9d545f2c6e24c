using ScoringGrid.V1;

namespace ScoringGrid.Bench.Load;

/// <summary>How one request ended.</summary>
/// <param name="Operation">Index of the operation in <see cref="IRequestIssuer.Operations"/>.</param>
/// <param name="Error">The gRPC status name (e.g. <c>UNAVAILABLE</c>) when the call failed; null when it succeeded.</param>
/// <param name="Items">Interactions the request carried (ingest), else 0.</param>
/// <param name="Ack">The server's ack of an ingest batch, when there was one.</param>
public readonly record struct RequestOutcome(int Operation, string? Error, int Items, IngestResponse? Ack)
{
    /// <summary>The source of work has run out (the replayed file ended): no request was sent, and the phase ends.</summary>
    public static RequestOutcome Exhausted => new(-1, null, 0, null);

    /// <summary>Whether the source of work has run out.</summary>
    public bool IsExhausted => Operation < 0;

    /// <summary>A successful request.</summary>
    /// <param name="operation">Operation index.</param>
    /// <param name="items">Interactions carried.</param>
    /// <param name="ack">The ingest ack, if any.</param>
    public static RequestOutcome Ok(int operation, int items = 0, IngestResponse? ack = null) => new(operation, null, items, ack);

    /// <summary>A failed request.</summary>
    /// <param name="operation">Operation index.</param>
    /// <param name="error">gRPC status name.</param>
    /// <param name="items">Interactions carried.</param>
    public static RequestOutcome Failed(int operation, string error, int items = 0) => new(operation, error, items, null);
}
