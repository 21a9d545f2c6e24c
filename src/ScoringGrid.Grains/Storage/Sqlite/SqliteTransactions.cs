using Microsoft.Data.Sqlite;

namespace ScoringGrid.Grains.Storage.Sqlite;

/// <summary>
/// Transactions opened with SQL text on a connection the provider owns (so its prepared
/// commands run inside them unchanged), and interruption of a running statement.
/// </summary>
internal static class SqliteTransactions
{
    /// <summary>Whether a transaction is open on <paramref name="connection"/>.</summary>
    public static bool InTransaction(SqliteConnection connection) =>
        connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>Rolls back the open transaction, if any (SQLite may already have rolled it back after an I/O error or an interrupt).</summary>
    public static void RollbackIfOpen(SqliteConnection connection)
    {
        if (!InTransaction(connection))
        {
            return;
        }

        try
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A failed rollback leaves nothing committed: SQLite discards the transaction when the connection closes.
        }
    }

    /// <summary>Interrupts the statement running on <paramref name="connection"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static CancellationTokenRegistration InterruptOnCancel(SqliteConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state =>
            {
                if (((SqliteConnection)state!).Handle is { } handle)
                {
                    SQLitePCL.raw.sqlite3_interrupt(handle);
                }
            }, connection)
            : default;
}
