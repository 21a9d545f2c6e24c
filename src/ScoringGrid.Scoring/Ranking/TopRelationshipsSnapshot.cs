using System.Text.Json.Serialization;

namespace ScoringGrid.Scoring;

/// <summary>Plain copy of a <see cref="TopRelationships{TOther}"/>: parallel arrays, best first.</summary>
public sealed class TopRelationshipsSnapshot
{
    /// <summary>The capacity of the list.</summary>
    public int Capacity { get; set; } = 150;

    /// <summary>Other account ids, best first.</summary>
    public string[] Others { get; set; } = [];

    /// <summary>Their keys, same order.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double[] Keys { get; set; } = [];
}
