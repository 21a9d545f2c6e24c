using ScoringGrid.Bench.Load;
using ScoringGrid.Client;

namespace ScoringGrid.Bench.Reporting;

/// <summary>What the requests of one operation came to: counts, errors by gRPC status, ingest acks, and two latency histograms. Not thread-safe: one per worker, merged at the end.</summary>
public sealed class OperationStats
{
    /// <summary>Creates empty statistics.</summary>
    /// <param name="name">The operation's name.</param>
    public OperationStats(string name) => Name = name;

    /// <summary>The operation's name, e.g. <c>GetRelationship</c>.</summary>
    public string Name { get; }

    /// <summary>Requests answered (successfully or not).</summary>
    public long Requests { get; private set; }

    /// <summary>Requests that failed with a non-OK status.</summary>
    public long Errors { get; private set; }

    /// <summary>Interactions carried by the requests (ingest).</summary>
    public long Items { get; private set; }

    /// <summary>Interactions the server accepted.</summary>
    public long Accepted { get; private set; }

    /// <summary>Interactions the server had already seen (same event id).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Interactions the server rejected one by one (the batch itself succeeded).</summary>
    public long Rejected { get; private set; }

    /// <summary>Failed requests by gRPC status name.</summary>
    public SortedDictionary<string, long> ErrorsByStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>Rejected interactions by status name of their per-item error.</summary>
    public SortedDictionary<string, long> RejectedByStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>Latency: from the intended start (open model) or the send (closed model) to the answer.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Service time: from the actual send to the answer (equal to <see cref="Latency"/> in the closed model).</summary>
    public LatencyHistogram ServiceTime { get; } = new();

    /// <summary>Records one answered request.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="latency">From its intended start.</param>
    /// <param name="serviceTime">From its actual send.</param>
    public void Record(in RequestOutcome outcome, TimeSpan latency, TimeSpan serviceTime)
    {
        Requests++;
        Items += outcome.Items;
        Latency.Record(latency);
        ServiceTime.Record(serviceTime);
        if (outcome.Error is { } error)
        {
            Errors++;
            Add(ErrorsByStatus, error, 1);
        }

        if (outcome.Ack is { } ack)
        {
            Accepted += ack.Accepted;
            Duplicates += ack.Duplicates;
            Rejected += ack.Rejected.Count;
            foreach (var rejected in ack.Rejected)
            {
                Add(RejectedByStatus, StatusNames.Canonical(rejected.Code), 1);
            }
        }
    }

    /// <summary>Adds another worker's statistics of the same operation.</summary>
    /// <param name="other">The other statistics.</param>
    public void Merge(OperationStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Requests += other.Requests;
        Errors += other.Errors;
        Items += other.Items;
        Accepted += other.Accepted;
        Duplicates += other.Duplicates;
        Rejected += other.Rejected;
        foreach (var (name, count) in other.ErrorsByStatus)
        {
            Add(ErrorsByStatus, name, count);
        }

        foreach (var (name, count) in other.RejectedByStatus)
        {
            Add(RejectedByStatus, name, count);
        }

        Latency.Merge(other.Latency);
        ServiceTime.Merge(other.ServiceTime);
    }

    private static void Add(SortedDictionary<string, long> counts, string name, long count) =>
        counts[name] = counts.GetValueOrDefault(name) + count;
}
