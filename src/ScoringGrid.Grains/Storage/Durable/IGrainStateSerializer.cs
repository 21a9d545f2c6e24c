namespace ScoringGrid.Grains;

/// <summary>Turns grain state objects into the bytes a durable provider stores, and back.</summary>
public interface IGrainStateSerializer
{
    /// <summary>The bytes of the state of <paramref name="grainId"/>.</summary>
    byte[] Serialize<T>(GrainId grainId, T state)
        where T : class, new();

    /// <summary>The state of <paramref name="grainId"/> stored as <paramref name="data"/>.</summary>
    T Deserialize<T>(GrainId grainId, ReadOnlySpan<byte> data)
        where T : class, new();
}
