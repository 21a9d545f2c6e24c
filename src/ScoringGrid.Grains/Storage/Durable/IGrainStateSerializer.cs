namespace ScoringGrid.Grains;

/// <summary>Turns grain state objects into the bytes a durable provider stores, and back.</summary>
public interface IGrainStateSerializer
{
    /// <summary>The bytes of a state.</summary>
    byte[] Serialize<T>(T state)
        where T : class, new();

    /// <summary>The state stored as <paramref name="data"/>.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data)
        where T : class, new();
}
