using System.Text;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services;

/// <summary>Checks of query inputs: a bad one is INVALID_ARGUMENT naming the field and the reason.</summary>
internal static class RequestValidation
{
    /// <summary>An account id: non-empty, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string AccountId(string value, string field, int maxBytes)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(field, "must not be empty");
        }

        if (Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw Invalid(field, $"must be at most {maxBytes} UTF-8 bytes");
        }

        return value;
    }

    /// <summary>The evaluation instant: the one asked, or now.</summary>
    public static long AsOf(bool hasAsOf, long asOf, TimeProvider clock)
    {
        if (!hasAsOf)
        {
            return clock.GetUtcNow().ToUnixTimeMilliseconds();
        }

        if (asOf < 0 || asOf > 4_102_444_800_000)
        {
            throw Invalid("as_of", "must be milliseconds since the epoch between 1970 and 2100");
        }

        return asOf;
    }

    /// <summary>INVALID_ARGUMENT for a field.</summary>
    public static RpcException Invalid(string field, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {reason}"));

    /// <summary>NOT_FOUND for something never seen.</summary>
    public static RpcException NotFound(string what) =>
        new(new Status(StatusCode.NotFound, what));
}
