using System.Text;
using ScoringGrid.Rpc;

namespace ScoringGrid.Server.Services;

/// <summary>Checks of query inputs: a bad one is INVALID_ARGUMENT naming the field and the reason.</summary>
internal static class RequestValidation
{
    /// <summary>An account id: non-empty, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string AccountId(string value, string field, int maxBytes) =>
        AccountIdProblem(value, maxBytes) is { } reason ? throw Invalid(field, reason) : value;

    /// <summary>
    /// <see cref="AccountId(string, string, int)"/> for an id given as its UTF-8 bytes, which the caller
    /// has found valid (so they are the bytes of the string the id stands for).
    /// </summary>
    public static void AccountId(ReadOnlySpan<byte> utf8, string field, int maxBytes)
    {
        if (AccountIdProblem(utf8.Length, maxBytes) is { } reason)
        {
            throw Invalid(field, reason);
        }
    }

    /// <summary>Why an account id is refused, or null when it is not.</summary>
    public static string? AccountIdProblem(string value, int maxBytes) =>
        string.IsNullOrEmpty(value) ? AccountIdProblem(0, maxBytes) : AccountIdProblem(Encoding.UTF8.GetByteCount(value), maxBytes);

    /// <summary>Why an account id of so many UTF-8 bytes is refused, or null when it is not.</summary>
    public static string? AccountIdProblem(int utf8Bytes, int maxBytes) =>
        utf8Bytes == 0 ? "must not be empty"
        : utf8Bytes > maxBytes ? $"must be at most {maxBytes} UTF-8 bytes"
        : null;

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
