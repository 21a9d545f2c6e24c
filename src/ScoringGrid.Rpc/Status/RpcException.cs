namespace ScoringGrid.Rpc;

/// <summary>
/// A call ended with a non-OK status. Handlers throw it to send that status (any of the 17
/// codes) with optional trailers; client calls throw it when the server answered with one.
/// </summary>
public class RpcException : Exception
{
    /// <summary>Creates the exception for a status, with empty trailers.</summary>
    public RpcException(Status status) : this(status, new Metadata(), null)
    {
    }

    /// <summary>Creates the exception for a status and trailers to send or that were received.</summary>
    public RpcException(Status status, Metadata trailers) : this(status, trailers, null)
    {
    }

    /// <summary>Creates the exception for a status, trailers and a local message.</summary>
    public RpcException(Status status, Metadata trailers, string? message)
        : base(message ?? status.ToString())
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata sent with the status.</summary>
    public Metadata Trailers { get; }
}
