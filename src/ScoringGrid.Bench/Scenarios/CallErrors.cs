using ScoringGrid.Client;
using ScoringGrid.Rpc;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>Names failed calls by their gRPC status, as other gRPC tools print them.</summary>
public static class CallErrors
{
    /// <summary>The status name of a failed call (<c>UNAVAILABLE</c>, <c>DEADLINE_EXCEEDED</c>...).</summary>
    /// <param name="exception">The failure.</param>
    public static string Name(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StatusNames.Canonical(exception.StatusCode);
    }

    /// <summary>The status name of an item a batch refused or did not find, by its code.</summary>
    /// <param name="code">The item's gRPC status code.</param>
    public static string Name(int code) => StatusNames.Canonical((StatusCode)code);
}
