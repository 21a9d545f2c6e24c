namespace ScoringGrid.Bench;

/// <summary>The exit statuses of the load generator.</summary>
public static class ExitCodes
{
    /// <summary>The run completed and every request succeeded.</summary>
    public const int Ok = 0;

    /// <summary>The run completed, but some requests failed (see errors by status).</summary>
    public const int RequestsFailed = 1;

    /// <summary>The command line is wrong (the message names the option).</summary>
    public const int Usage = 2;

    /// <summary>The run was cut off by <c>--max-time</c> or an interrupt; the figures cover what was answered before.</summary>
    public const int CutOff = 3;

    /// <summary>The run could not be carried out (e.g. the preload failed, or a file could not be read).</summary>
    public const int Failure = 4;
}
