namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>Records, keys and bounds shared by the storage provider tests.</summary>
internal static class StorageTestData
{
    /// <summary>Whole-test timeout, in milliseconds, for [Fact(Timeout = ...)].</summary>
    public const int TestTimeout = 180_000;

    /// <summary>Bound on one storage call made by a test.</summary>
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(60);

    public const string State = "state";

    public static GrainId Grain(int i) => new("relationship", $"t1/actor-{i:D6}/target-{i % 97:D3}");

    /// <summary>~300 bytes whose content depends on the seed.</summary>
    public static byte[] Payload(int seed, int length = 300)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static GrainRecordWrite New(int i, long logPosition = 1, int seed = 0) =>
        new(State, Grain(i), Payload(i * 31 + seed), null, logPosition);

    /// <summary>A key whose hash depends on the scope and the number (both halves often above 2⁶³, to cover the signed columns).</summary>
    public static IdempotencyKey Key(int i, long seenAtMs, string scope = "t1")
    {
        var scopeHash = 14695981039346656037UL;
        foreach (var c in scope)
        {
            scopeHash = (scopeHash ^ c) * 1099511628211UL;
        }

        var hash = new UInt128(scopeHash, (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
        return new IdempotencyKey(hash, Grain(i).StableHash, seenAtMs, 100 + i);
    }

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Call);

    public static Task Bounded(this Task task) => task.WaitAsync(Call);

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
