namespace ScoringGrid.Grains;

/// <summary>
/// The changed slots one compact grain table contributed to a checkpoint: copies of their keys and
/// states taken on the worker. Their records are serialized later, off the worker
/// (<see cref="Materialize"/>), so the capture itself costs one struct copy per grain.
/// </summary>
public abstract class CompactCapture
{
    /// <summary>Number of records.</summary>
    public abstract int Count { get; }

    /// <summary>Serializes the records (any thread).</summary>
    public abstract IReadOnlyList<GrainRecordWrite> Materialize();

    internal abstract void Complete(ReadOnlySpan<string> etags);

    internal abstract void Abort();
}

/// <summary>The capture of one <see cref="CompactGrainTable{TKey, TState, TPacked}"/>.</summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TState">The state.</typeparam>
/// <typeparam name="TPacked">The packed form the table's slots hold.</typeparam>
internal sealed class CompactCapture<TKey, TState, TPacked> : CompactCapture
    where TKey : unmanaged, IEquatable<TKey>
    where TState : unmanaged
    where TPacked : unmanaged
{
    private readonly CompactGrainTable<TKey, TState, TPacked> _table;
    private readonly Entry[] _entries;
    private readonly long _logPosition;
    private GrainRecordWrite[]? _writes;

    public CompactCapture(CompactGrainTable<TKey, TState, TPacked> table, Entry[] entries, long logPosition)
    {
        _table = table;
        _entries = entries;
        _logPosition = logPosition;
    }

    public override int Count => _entries.Length;

    public override IReadOnlyList<GrainRecordWrite> Materialize()
    {
        if (_writes is not null)
        {
            return _writes;
        }

        var type = _table.Type;
        var writes = new GrainRecordWrite[_entries.Length];
        for (int i = 0; i < writes.Length; i++)
        {
            ref readonly Entry entry = ref _entries[i];
            writes[i] = new GrainRecordWrite(
                type.StateName,
                type.GrainIdOf(entry.Key),
                type.Serialize(entry.Key, entry.State),
                entry.Version == 0 ? null : entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _logPosition);
        }

        return _writes = writes;
    }

    internal override void Complete(ReadOnlySpan<string> etags) => _table.CompleteCapture(_entries, etags);

    internal override void Abort() => _table.AbortCapture(_entries);

    /// <summary>One captured slot.</summary>
    /// <param name="Slot">The slot.</param>
    /// <param name="Key">Its key.</param>
    /// <param name="State">A copy of its state, unpacked.</param>
    /// <param name="Version">Its stored version (0 when not stored).</param>
    internal readonly record struct Entry(int Slot, TKey Key, TState State, long Version);
}
