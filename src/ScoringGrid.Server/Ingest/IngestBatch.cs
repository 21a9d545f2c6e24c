using System.Buffers;
using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>What became of one interaction of a batch.</summary>
internal enum ItemOutcome : byte
{
    /// <summary>Not decided yet.</summary>
    Pending,
    /// <summary>Applied.</summary>
    Accepted,
    /// <summary>Its event_id was already accepted.</summary>
    Duplicate,
    /// <summary>Refused; see the rejection.</summary>
    Rejected,
}

/// <summary>Why one interaction was refused.</summary>
/// <param name="Field">The offending field.</param>
/// <param name="Reason">Why.</param>
/// <param name="Code">The status code describing it.</param>
internal readonly record struct ItemRejection(string Field, string Reason, StatusCode Code);

/// <summary>
/// One batch on its way through the partitions. Each item's outcome is written by exactly one
/// worker; the batch completes when every work item spawned for it has run (its <see cref="Round"/>).
/// </summary>
/// <remarks>
/// The per-item arrays are rented from the shared array pools (a batch of 1,000 needs about 130 KB
/// of them), so they may be longer than <see cref="Count"/>: loops run to <see cref="Count"/>.
/// <see cref="Release"/> gives them back once nothing reads the batch any more.
/// </remarks>
internal sealed class IngestBatch
{
    public IngestBatch(string tenant, ScoringModel model, int count, long nowMs)
    {
        Tenant = tenant;
        Model = model;
        Count = count;
        Items = ArrayPool<Interaction>.Shared.Rent(count);
        Owners = ArrayPool<GrainId>.Shared.Rent(count);
        EventHashes = ArrayPool<UInt128>.Shared.Rent(count);
        Actors = ArrayPool<int>.Shared.Rent(count);
        Targets = ArrayPool<int>.Shared.Rent(count);
        Relationships = ArrayPool<RelationshipKey>.Shared.Rent(count);
        Outcomes = ArrayPool<ItemOutcome>.Shared.Rent(count);
        Rejections = ArrayPool<ItemRejection>.Shared.Rent(count);
        Array.Clear(Outcomes, 0, count); // every item starts Pending
        NowMs = nowMs;
    }

    public string Tenant { get; }

    public ScoringModel Model { get; }

    /// <summary>Items in the batch; the arrays below may be longer.</summary>
    public int Count { get; }

    public Interaction[] Items { get; }

    /// <summary>Per item: the account grain that receives it first (the target; the actor of a POST).</summary>
    public GrainId[] Owners { get; }

    /// <summary>Per item: the hash the event is deduplicated by.</summary>
    public UInt128[] EventHashes { get; }

    /// <summary>Per item: the actor's directory handle.</summary>
    public int[] Actors { get; }

    /// <summary>Per item: the target's directory handle (not set for a POST).</summary>
    public int[] Targets { get; }

    /// <summary>Per item: the pair's relationship grain (not set for a POST).</summary>
    public RelationshipKey[] Relationships { get; }

    public ItemOutcome[] Outcomes { get; }

    public ItemRejection[] Rejections { get; }

    public long NowMs { get; }

    /// <summary>Position of the batch's log record (0 without a log), known once it is logged.</summary>
    public long LogPosition { get; set; }

    /// <summary>The completion of the batch's phases 1 to 3.</summary>
    public PhaseRound Round { get; } = new();

    public void Reject(int index, string field, string reason, StatusCode code = StatusCode.InvalidArgument)
    {
        Outcomes[index] = ItemOutcome.Rejected;
        Rejections[index] = new ItemRejection(field, reason, code);
    }

    /// <summary>
    /// Gives the arrays back to their pools, cleared of references. Only once every work item of the
    /// batch has run and its answer is built; after a failed round a work item may still be reading,
    /// so a failed batch's arrays are left to the collector instead.
    /// </summary>
    public void Release()
    {
        Array.Clear(Items, 0, Count);
        Array.Clear(Owners, 0, Count);
        Array.Clear(Rejections, 0, Count);
        ArrayPool<Interaction>.Shared.Return(Items);
        ArrayPool<GrainId>.Shared.Return(Owners);
        ArrayPool<UInt128>.Shared.Return(EventHashes);
        ArrayPool<int>.Shared.Return(Actors);
        ArrayPool<int>.Shared.Return(Targets);
        ArrayPool<RelationshipKey>.Shared.Return(Relationships);
        ArrayPool<ItemOutcome>.Shared.Return(Outcomes);
        ArrayPool<ItemRejection>.Shared.Return(Rejections);
    }
}
