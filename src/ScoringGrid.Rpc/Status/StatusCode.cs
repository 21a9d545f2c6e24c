namespace ScoringGrid.Rpc;

/// <summary>The 17 gRPC status codes, with the numeric values the wire uses.</summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,
    /// <summary>The call was cancelled, typically by the caller.</summary>
    Cancelled = 1,
    /// <summary>An unknown error, e.g. an unexpected exception in a handler.</summary>
    Unknown = 2,
    /// <summary>The caller sent an invalid argument.</summary>
    InvalidArgument = 3,
    /// <summary>The deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,
    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,
    /// <summary>The entity the caller tried to create already exists.</summary>
    AlreadyExists = 6,
    /// <summary>The caller may not perform this call.</summary>
    PermissionDenied = 7,
    /// <summary>A resource or limit is exhausted (message size, quota, batch size...).</summary>
    ResourceExhausted = 8,
    /// <summary>The system is not in the state the call requires.</summary>
    FailedPrecondition = 9,
    /// <summary>The call was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,
    /// <summary>A value is past the valid range.</summary>
    OutOfRange = 11,
    /// <summary>The method or service is not implemented.</summary>
    Unimplemented = 12,
    /// <summary>An internal invariant was broken (including protocol errors).</summary>
    Internal = 13,
    /// <summary>The service is currently unavailable; retrying may help.</summary>
    Unavailable = 14,
    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,
    /// <summary>The caller is not authenticated.</summary>
    Unauthenticated = 16,
}
