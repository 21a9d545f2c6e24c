namespace ScoringGrid.Grains;

/// <summary>The storage provider could not be reached (connection refused, server down, I/O failure).</summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
