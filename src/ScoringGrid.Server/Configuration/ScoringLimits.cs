namespace ScoringGrid.Server.Configuration;

/// <summary>Limits of the scoring API, bound from <c>ScoringGrid:Limits</c>.</summary>
public sealed class ScoringLimits
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringGrid:Limits";

    /// <summary>Most interactions per ingest batch; more is RESOURCE_EXHAUSTED. Default 10,000.</summary>
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>Most pairs per BatchGetRelationships; more is RESOURCE_EXHAUSTED. Default 1,000.</summary>
    public int MaxBatchGetPairs { get; set; } = 1_000;

    /// <summary>Most open expectations listed per call. Default 1,000.</summary>
    public int MaxListLimit { get; set; } = 1_000;

    /// <summary>Most topics per account. Default 32.</summary>
    public int MaxTopics { get; set; } = 32;

    /// <summary>Longest topic, UTF-8 bytes. Default 64.</summary>
    public int MaxTopicBytes { get; set; } = 64;

    /// <summary>Longest display name, UTF-8 bytes. Default 256.</summary>
    public int MaxDisplayNameBytes { get; set; } = 256;

    /// <summary>Event ids remembered per partition for idempotency. Default 1,000,000.</summary>
    public int DeduplicationCapacityPerPartition { get; set; } = 1_000_000;

    /// <summary>How long an event id is remembered for idempotency. Default 7 days.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        Positive(MaxBatchSize, nameof(MaxBatchSize));
        Positive(MaxBatchGetPairs, nameof(MaxBatchGetPairs));
        Positive(MaxListLimit, nameof(MaxListLimit));
        Positive(MaxTopics, nameof(MaxTopics));
        Positive(MaxTopicBytes, nameof(MaxTopicBytes));
        Positive(MaxDisplayNameBytes, nameof(MaxDisplayNameBytes));
        Positive(DeduplicationCapacityPerPartition, nameof(DeduplicationCapacityPerPartition));
        if (DeduplicationWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(DeduplicationWindow)} must be positive.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:{name} must be positive (was {value}).");
        }
    }
}
