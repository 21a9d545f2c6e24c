using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace ScoringGrid.Grains.Storage.Postgres;

/// <summary>Tells failures to reach PostgreSQL (network, server down or starting, timeouts) from bugs.</summary>
internal static class PostgresFailures
{
    /// <summary>Whether <paramref name="exception"/> means the server cannot be used right now.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        NpgsqlException => true, // connection, I/O, timeout and pool failures; server errors are PostgresException
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Whether the failure was a timeout (the call already waited its full bound).</summary>
    public static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exception to surface for an unavailable server.</summary>
    public static StorageUnavailableException Unavailable(string server, string operation, Exception cause) =>
        new($"postgres storage at {server} could not {operation}: {Describe(cause)}", cause);

    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) // connection exception
        || state.StartsWith("53", StringComparison.Ordinal) // insufficient resources (disk full, too many connections)
        || state.StartsWith("58", StringComparison.Ordinal) // system error (I/O)
        || state.StartsWith("28", StringComparison.Ordinal) // invalid authorization
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.QueryCanceled // statement timeout (cancellation by the caller surfaces as OperationCanceledException)
            or PostgresErrorCodes.InvalidCatalogName // the database does not exist
            or PostgresErrorCodes.ReadOnlySqlTransaction; // a standby, or a primary demoted

    private static string Describe(Exception exception)
    {
        var text = new StringBuilder(exception.Message.TrimEnd('.'));
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!exception.Message.Contains(inner.Message, StringComparison.Ordinal))
            {
                text.Append(" (").Append(inner.Message.TrimEnd('.')).Append(')');
            }
        }

        return text.ToString();
    }
}
