namespace ScoringGrid.Grains;

/// <summary>A grain's state as storage sees it: the value, its ETag, whether a record exists.</summary>
/// <typeparam name="T">The state class.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The state.</summary>
    T State { get; set; }

    /// <summary>Version tag of the stored record; null when none was read or written.</summary>
    string? ETag { get; set; }

    /// <summary>Whether storage holds a record.</summary>
    bool RecordExists { get; set; }
}

/// <summary>The default <see cref="IGrainState{T}"/>.</summary>
/// <typeparam name="T">The state class.</typeparam>
public sealed class GrainState<T> : IGrainState<T>
    where T : class, new()
{
    /// <inheritdoc />
    public T State { get; set; } = new();

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
