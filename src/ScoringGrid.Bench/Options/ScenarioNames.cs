namespace ScoringGrid.Bench.Options;

/// <summary>The command-line names of the scenarios.</summary>
public static class ScenarioNames
{
    private static readonly (string Name, ScenarioKind Kind)[] All =
    [
        ("ingest-stream", ScenarioKind.IngestStream),
        ("ingest-unary", ScenarioKind.IngestUnary),
        ("get-relationship", ScenarioKind.GetRelationship),
        ("get-account", ScenarioKind.GetAccount),
        ("top-relationships", ScenarioKind.TopRelationships),
        ("batch-get-relationships", ScenarioKind.BatchGetRelationships),
        ("get-responsiveness", ScenarioKind.GetResponsiveness),
        ("list-open-expectations", ScenarioKind.ListOpenExpectations),
        ("mixed", ScenarioKind.Mixed),
        ("load-pairs", ScenarioKind.LoadPairs),
    ];

    /// <summary>Every name, comma-separated.</summary>
    public static string List => string.Join(", ", All.Select(a => a.Name));

    /// <summary>The scenario of a name, or null.</summary>
    /// <param name="name">A name such as <c>ingest-stream</c>.</param>
    public static ScenarioKind? Parse(string name)
    {
        foreach (var (candidate, kind) in All)
        {
            if (string.Equals(candidate, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The name of a scenario.</summary>
    /// <param name="kind">The scenario.</param>
    public static string Name(ScenarioKind kind) => All.First(a => a.Kind == kind).Name;

    /// <summary>Whether the scenario sends ingest batches only.</summary>
    /// <param name="kind">The scenario.</param>
    public static bool IsIngest(ScenarioKind kind) => kind is ScenarioKind.IngestStream or ScenarioKind.IngestUnary or ScenarioKind.LoadPairs;

    /// <summary>Whether the scenario queries existing data (and so preloads some first).</summary>
    /// <param name="kind">The scenario.</param>
    public static bool Queries(ScenarioKind kind) =>
        kind is ScenarioKind.Mixed || IsSingleQuery(kind);

    /// <summary>Whether the scenario sends one kind of query (and so can write its requests to a file).</summary>
    /// <param name="kind">The scenario.</param>
    public static bool IsSingleQuery(ScenarioKind kind) =>
        kind is ScenarioKind.GetRelationship or ScenarioKind.GetAccount or ScenarioKind.TopRelationships or ScenarioKind.BatchGetRelationships
            or ScenarioKind.GetResponsiveness or ScenarioKind.ListOpenExpectations;
}
