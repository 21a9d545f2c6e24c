using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>Tells failures to reach the database (I/O, locks held too long, a damaged file) from bugs.</summary>
internal static class SqliteFailures
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int ReadOnly = 8;
    private const int Interrupt = 9;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Protocol = 15;
    private const int NotADatabase = 26;

    /// <summary>Whether <paramref name="exception"/> means the database cannot be used right now.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or NoMemory or ReadOnly or Interrupt or IoError
            or Corrupt or Full or CantOpen or Protocol or NotADatabase,
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>The exception to surface for an unavailable database.</summary>
    public static StorageUnavailableException Unavailable(string dataSource, string operation, Exception cause)
    {
        var reason = cause is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) == Interrupt
            ? "the call was interrupted after exceeding its time bound"
            : cause.Message;
        return new StorageUnavailableException($"sqlite storage at {dataSource} could not {operation}: {reason}", cause);
    }
}
