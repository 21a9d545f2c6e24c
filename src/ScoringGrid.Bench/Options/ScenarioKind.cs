namespace ScoringGrid.Bench.Options;

/// <summary>The scenarios of the load generator.</summary>
public enum ScenarioKind
{
    /// <summary>Batches over IngestStream calls, several in flight per stream.</summary>
    IngestStream,

    /// <summary>Unary Ingest calls, one batch each.</summary>
    IngestUnary,

    /// <summary>GetRelationship of pairs that exist.</summary>
    GetRelationship,

    /// <summary>GetAccountScore of accounts that exist.</summary>
    GetAccount,

    /// <summary>GetTopRelationships of accounts that exist.</summary>
    TopRelationships,

    /// <summary>BatchGetRelationships of <c>--batch-size</c> pairs that exist.</summary>
    BatchGetRelationships,

    /// <summary>GetResponsiveness of accounts that exist.</summary>
    GetResponsiveness,

    /// <summary>ListOpenExpectations (the server's default limit) of accounts that exist.</summary>
    ListOpenExpectations,

    /// <summary>Reads (the three queries) and writes (unary Ingest) in a given ratio.</summary>
    Mixed,

    /// <summary>Creates a given number of distinct relationships (for measuring memory per relationship).</summary>
    LoadPairs,
}
