using System.Collections;
using ScoringGrid.Grains;
using ScoringGrid.Server.Ingest;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// The event ids a checkpoint stores: every partition's <see cref="AddedKeys"/> read one after
/// another, without copying them into one list.
/// </summary>
internal sealed class CheckpointKeys : IReadOnlyList<IdempotencyKey>
{
    private readonly AddedKeys[] _parts;

    public CheckpointKeys(AddedKeys[] parts)
    {
        _parts = parts;
        foreach (var part in parts)
        {
            Count += part.Count;
        }
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public IdempotencyKey this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            foreach (var part in _parts)
            {
                if (index < part.Count)
                {
                    return part[index];
                }

                index -= part.Count;
            }

            throw new InvalidOperationException("unreachable: the index is below the total count");
        }
    }

    /// <inheritdoc />
    public IEnumerator<IdempotencyKey> GetEnumerator()
    {
        foreach (var part in _parts)
        {
            foreach (var key in part)
            {
                yield return key;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
