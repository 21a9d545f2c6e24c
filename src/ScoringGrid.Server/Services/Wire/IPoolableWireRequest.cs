namespace ScoringGrid.Server.Services.Wire;

/// <summary>What a <see cref="PooledWireRequest{TSelf}"/>'s pool needs of its type.</summary>
/// <typeparam name="TSelf">The request type.</typeparam>
public interface IPoolableWireRequest<TSelf>
    where TSelf : IPoolableWireRequest<TSelf>
{
    /// <summary>Most requests of the type kept for reuse; calls in flight beyond it make new ones.</summary>
    static abstract int MaxPooled { get; }

    /// <summary>A new, empty request (for the pool only).</summary>
    static abstract TSelf Create();
}
