namespace ScoringGrid.Rpc;

/// <summary>Flags that change how a message is written.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>Default behaviour.</summary>
    None = 0,
    /// <summary>Do not flush after this message; it may be sent with the next one.</summary>
    BufferHint = 1,
    /// <summary>Do not compress this message even when the call's encoding allows it.</summary>
    NoCompress = 2,
}

/// <summary>Options for writing messages.</summary>
/// <param name="Flags">The flags.</param>
public sealed record WriteOptions(WriteFlags Flags = WriteFlags.None)
{
    /// <summary>No flags.</summary>
    public static readonly WriteOptions Default = new();

    /// <summary>Whether options (possibly absent) carry a flag.</summary>
    internal static bool Has(WriteOptions? options, WriteFlags flag) => options is not null && (options.Flags & flag) != 0;
}
