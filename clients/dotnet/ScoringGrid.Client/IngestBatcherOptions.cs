namespace ScoringGrid.Client;

/// <summary>Settings of an <see cref="IngestBatcher"/>.</summary>
public sealed class IngestBatcherOptions
{
    /// <summary>A batch is sent as soon as it holds this many interactions. Default 500 (the server accepts up to 10,000).</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// How long a batch waits for more interactions after its first one before it is sent
    /// anyway. Default 50 ms. <see cref="TimeSpan.Zero"/> sends whatever is queued at once.
    /// </summary>
    public TimeSpan LingerTime { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches sent and not yet acknowledged, at most. Default 4.</summary>
    public int MaxBatchesInFlight { get; set; } = 4;

    /// <summary>
    /// Interactions added and not yet sent, at most; <see cref="IngestBatcher.AddAsync"/> waits
    /// for room beyond it. 0 (the default) means twice <see cref="MaxBatchSize"/>.
    /// </summary>
    public int QueueCapacity { get; set; }

    /// <summary>Settings of the underlying ingest stream (deadline per call, retry policy, headers); null for the client's defaults.</summary>
    public CallSettings? StreamSettings { get; set; }

    /// <summary>Prefix of the generated batch ids; null for a random one.</summary>
    public string? BatchIdPrefix { get; set; }

    internal void Validate()
    {
        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"IngestBatcherOptions.MaxBatchSize must be at least 1 (got {MaxBatchSize}).");
        }

        if (LingerTime < TimeSpan.Zero)
        {
            throw new ArgumentException($"IngestBatcherOptions.LingerTime must not be negative (got {LingerTime}).");
        }

        if (MaxBatchesInFlight < 1)
        {
            throw new ArgumentException($"IngestBatcherOptions.MaxBatchesInFlight must be at least 1 (got {MaxBatchesInFlight}).");
        }

        if (QueueCapacity < 0)
        {
            throw new ArgumentException($"IngestBatcherOptions.QueueCapacity must not be negative (got {QueueCapacity}).");
        }
    }
}
