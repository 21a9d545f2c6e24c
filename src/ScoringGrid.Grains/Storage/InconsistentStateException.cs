namespace ScoringGrid.Grains;

/// <summary>A write's ETag did not match the stored record: someone else wrote it.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag)
        : base(message)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag in storage.</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the writer had.</summary>
    public string? CurrentETag { get; }
}
