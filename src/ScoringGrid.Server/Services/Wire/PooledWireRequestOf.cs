using System.Buffers;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A <see cref="PooledWireRequest"/> of one type, with that type's pool: <see cref="Parse"/> takes a
/// request from it and reads the bytes into it, <see cref="PooledWireRequest.Release"/> puts it back.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public abstract class PooledWireRequest<TSelf> : PooledWireRequest, IWireRequest<TSelf>
    where TSelf : PooledWireRequest<TSelf>, IPoolableWireRequest<TSelf>
{
    private static readonly ReusePool<TSelf> Pool = new(TSelf.MaxPooled, static () => TSelf.Create());

    /// <summary>Creates a request whose kept buffer starts at <paramref name="initialBuffer"/> bytes and grows up to <paramref name="maxKeptBuffer"/>.</summary>
    private protected PooledWireRequest(int initialBuffer, int maxKeptBuffer = RequestPayload.MaxKeptBuffer)
        : base(initialBuffer, maxKeptBuffer)
    {
    }

    /// <summary>How many requests of this type the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>Reads a request from its bytes; throws <see cref="FormatException"/> when they are not one.</summary>
    public static TSelf Parse(in ReadOnlySequence<byte> payload) => Read(Pool.Take(), payload);

    /// <inheritdoc />
    private protected sealed override void ReturnToPool()
    {
        Clear();
        Pool.Return((TSelf)this);
    }

    /// <summary>Drops what the request holds beyond its fields' positions, before it goes back to the pool.</summary>
    private protected virtual void Clear()
    {
    }
}
