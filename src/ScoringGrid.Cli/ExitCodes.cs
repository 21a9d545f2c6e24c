namespace ScoringGrid.Cli;

/// <summary>The exit statuses of sgctl.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Failed for another reason (the message says which).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or request (unknown option, malformed value, INVALID_ARGUMENT).</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public const int Unavailable = 3;

    /// <summary>The server refused the API key (UNAUTHENTICATED, PERMISSION_DENIED).</summary>
    public const int Unauthenticated = 4;

    /// <summary>The account or relationship asked for was never seen (NOT_FOUND).</summary>
    public const int NotFound = 5;

    /// <summary>Some lines of an ingested file were malformed or rejected; the good ones were ingested.</summary>
    public const int PartialIngest = 6;
}
