namespace ScoringGrid.Grains;

/// <summary>
/// A grain type whose activations are compact: the key is a small unmanaged value and the state an
/// unmanaged struct, kept in its partition's <see cref="CompactGrainTable{TKey, TState, TPacked}"/>
/// (large arrays, no object per grain) instead of one grain object each. For grain types with millions of
/// small activations, such as relationships, where an object graph per grain would cost more memory
/// and garbage-collection time than the state itself.
/// </summary>
/// <remarks>
/// <para>
/// The grain model holds as for other grains: a compact grain is addressed by its key, activated on
/// first use (reading its record from storage when one exists), touched only by its partition's
/// worker (single-threaded turns), written by checkpoints when changed, and deactivated when idle —
/// with checkpointed storage; with <see cref="MemoryGrainStorage"/> compact grains stay resident,
/// since moving them to an in-memory store would free nothing.
/// </para>
/// <para>
/// The type describes how a key names a grain for storage (<see cref="GrainIdOf"/>, and the same
/// identity's <see cref="GrainId.StableHash"/> computed without building it), where a key is placed
/// (<see cref="PlacementHash"/>), how the state is stored, and how a slot holds it: packed
/// (<see cref="TryPack"/>) into a smaller form where its values allow, since slots are many.
/// <see cref="Serialize"/> and <see cref="Deserialize"/> may run on any thread.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key: unmanaged, with equality and a well-mixed hash code.</typeparam>
/// <typeparam name="TState">The state: an unmanaged struct.</typeparam>
/// <typeparam name="TPacked">The packed form a slot holds the state in.</typeparam>
public abstract class CompactGrainType<TKey, TState, TPacked>
    where TKey : unmanaged, IEquatable<TKey>
    where TState : unmanaged
    where TPacked : unmanaged
{
    /// <summary>The name the state is stored under.</summary>
    public abstract string StateName { get; }

    /// <summary>The state of a grain that was never stored.</summary>
    public abstract TState EmptyState { get; }

    /// <summary>The identity of the grain of <paramref name="key"/> (for storage).</summary>
    public abstract GrainId GrainIdOf(in TKey key);

    /// <summary>The <see cref="GrainId.StableHash"/> of <see cref="GrainIdOf"/>, computed without allocating (see <see cref="StableHasher"/>).</summary>
    public abstract ulong StableHashOf(in TKey key);

    /// <summary>A hash that places the key on a partition: the same for the same key in every process.</summary>
    public abstract ulong PlacementHash(in TKey key);

    /// <summary>The stored form of a state.</summary>
    public abstract byte[] Serialize(in TKey key, in TState state);

    /// <summary>A state read back from its stored form.</summary>
    public abstract TState Deserialize(in TKey key, ReadOnlySpan<byte> data);

    /// <summary>
    /// Packs a state into the form a slot holds; false when one of its values does not fit that form,
    /// and the table keeps the state whole, beside the slots. Packing must lose nothing:
    /// <see cref="Unpack"/> gives back exactly the state packed.
    /// </summary>
    public abstract bool TryPack(in TState state, out TPacked packed);

    /// <summary>The state <see cref="TryPack"/> packed.</summary>
    public abstract void Unpack(in TPacked packed, out TState state);
}
