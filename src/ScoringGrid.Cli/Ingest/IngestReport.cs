namespace ScoringGrid.Cli.Ingest;

/// <summary>What an ingest of a file did, line by line and in total.</summary>
internal sealed class IngestReport
{
    /// <summary>Errors kept for the report; more are counted but not kept.</summary>
    public const int MaxKeptErrors = 10_000;

    private readonly List<LineError> _errors = new();

    public required string Path { get; init; }

    public required InputFormat Format { get; init; }

    /// <summary>Lines read.</summary>
    public long Lines { get; set; }

    /// <summary>Lines that held an interaction and were sent.</summary>
    public long Sent { get; set; }

    /// <summary>Blank, comment and header lines.</summary>
    public long Skipped { get; set; }

    /// <summary>Lines that could not be read as an interaction.</summary>
    public long Malformed { get; set; }

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    /// <summary>Interactions the server refused.</summary>
    public long Rejected { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Set when the stream failed for good; lines sent but not acknowledged are then unknown.</summary>
    public ScoringGrid.Rpc.RpcException? Failure { get; set; }

    /// <summary>Errors by line number (at most <see cref="MaxKeptErrors"/>).</summary>
    public IReadOnlyList<LineError> Errors => _errors;

    public long ErrorCount => Malformed + Rejected;

    public void Add(LineError error)
    {
        lock (_errors)
        {
            if (_errors.Count < MaxKeptErrors)
            {
                _errors.Add(error);
            }
        }
    }

    public void SortErrors()
    {
        lock (_errors)
        {
            _errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        }
    }
}
