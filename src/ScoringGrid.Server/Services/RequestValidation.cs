using System.Text;
using System.Text.Unicode;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Services.Wire;

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

    /// <summary>
    /// Why a pair is refused (the subfield named, and the reason), or null when it is valid: both ids
    /// non-empty and within the limit, and different.
    /// </summary>
    public static (string Subfield, string Reason)? PairProblem(string a, string b, int maxBytes) =>
        AccountIdProblem(a, maxBytes) is { } first ? ("account_a", first)
        : AccountIdProblem(b, maxBytes) is { } second ? ("account_b", second)
        : string.Equals(a, b, StringComparison.Ordinal) ? ("account_b", "must differ from account_a")
        : null;

    /// <summary><see cref="PairProblem(string, string, int)"/> for ids given as valid UTF-8 (the limit counts their bytes).</summary>
    public static (string Subfield, string Reason)? PairProblem(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int maxBytes) =>
        AccountIdProblem(a.Length, maxBytes) is { } first ? ("account_a", first)
        : AccountIdProblem(b.Length, maxBytes) is { } second ? ("account_b", second)
        : a.SequenceEqual(b) ? ("account_b", "must differ from account_a")
        : null;

    /// <summary>
    /// Why a pair read from a request is refused, or null: judged by its UTF-8 bytes when both ids are
    /// valid UTF-8 (<paramref name="utf8"/>), else as the generated type reads them, each bad sequence
    /// replaced. Shared by GetRelationship's pair and each of BatchGetRelationships' pairs.
    /// </summary>
    public static (string Subfield, string Reason)? PairProblem(PooledWireRequest request, WireString a, WireString b, int maxBytes, out bool utf8)
    {
        var first = request.Utf8(a);
        var second = request.Utf8(b);
        utf8 = Utf8.IsValid(first) && Utf8.IsValid(second);
        return utf8 ? PairProblem(first, second, maxBytes) : PairProblem(request.String(a), request.String(b), maxBytes);
    }

    /// <summary>
    /// Checks a GetRelationship request's pair as <see cref="PairProblem(string, string, int)"/>
    /// judges the generated message's; true when both ids are valid UTF-8 (else they are read as the
    /// generated type reads them, each bad sequence replaced).
    /// </summary>
    public static bool Pair(RelationshipRequest request, int maxBytes)
    {
        if (!request.HasPair)
        {
            throw Invalid("pair", "is required");
        }

        return PairProblem(request, request.AccountA, request.AccountB, maxBytes, out var utf8) is { } problem
            ? throw Invalid("pair." + problem.Subfield, problem.Reason)
            : utf8;
    }

    /// <summary>
    /// Checks a request's account id field as the generated message's would be checked (the field named
    /// account_id); true when it is valid UTF-8 (else it is read as the generated type reads it, each
    /// bad sequence replaced).
    /// </summary>
    public static bool AccountId(PooledWireRequest request, WireString field, int maxBytes)
    {
        var utf8 = request.Utf8(field);
        if (!Utf8.IsValid(utf8))
        {
            AccountId(request.String(field), "account_id", maxBytes);
            return false;
        }

        AccountId(utf8, "account_id", maxBytes);
        return true;
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
