using System.Numerics;

namespace ScoringGrid.Server.Memory;

/// <summary>
/// The array a pooled object keeps from use to use. <see cref="For"/> gives room for a use: the kept
/// array, grown to the next power of two the use needs up to <c>maxKept</c>, or beyond that an array
/// of the use's own. <see cref="Grow"/> enlarges the room in use, keeping what it holds. <see cref="Drop"/>
/// goes back to the kept array, so an array of a use's own is not kept past it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal struct KeptArray<T>
{
    private readonly int _maxKept;
    private T[] _kept;

    /// <summary>Keeps an array of <paramref name="initial"/> elements, grown up to <paramref name="maxKept"/>.</summary>
    public KeptArray(int initial, int maxKept)
    {
        _maxKept = Math.Max(initial, maxKept);
        _kept = new T[initial];
        Current = _kept;
    }

    /// <summary>The room in use.</summary>
    public T[] Current { readonly get; private set; }

    /// <summary>Room for at least <paramref name="length"/> elements; it becomes <see cref="Current"/>.</summary>
    public T[] For(int length) =>
        Current = length <= _kept.Length ? _kept
            : length <= _maxKept ? (_kept = new T[Math.Min(_maxKept, (int)BitOperations.RoundUpToPowerOf2((uint)length))])
            : new T[length];

    /// <summary>Room for at least <paramref name="needed"/> elements holding the first <paramref name="used"/> of <see cref="Current"/>; it becomes <see cref="Current"/>.</summary>
    public T[] Grow(int used, int needed)
    {
        var grown = new T[Math.Max(Current.Length * 2, needed)];
        Current.AsSpan(0, used).CopyTo(grown);
        if (grown.Length <= _maxKept)
        {
            _kept = grown;
        }

        return Current = grown;
    }

    /// <summary>Goes back to the kept array (what the caller must clear, it clears first).</summary>
    public void Drop() => Current = _kept;
}
