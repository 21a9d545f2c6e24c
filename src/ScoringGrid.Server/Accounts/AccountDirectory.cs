using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Accounts;

/// <summary>
/// Every account the server has met, in every tenant, numbered by a dense handle (0, 1, 2, ...).
/// State that refers to other accounts — rankings, relationships — holds these handles instead of id
/// strings: four bytes instead of a reference, nothing for the garbage collector to trace, and
/// comparisons of integers. Handles live in this process only; storage always names accounts by id.
/// </summary>
/// <remarks>
/// Lookups are lock-free and safe from any thread; a new account takes a lock. An account keeps its
/// handle while the process runs (an entry of about 150 bytes), also after its grain was deactivated.
/// A handle is only ever obtained from the directory after its entry was written, so reading an
/// entry by handle needs no lock either.
/// </remarks>
public sealed class AccountDirectory
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TenantAccounts> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _appendLock = new();
    private AccountEntry[][] _chunks = new AccountEntry[16][];
    private int _count;

    /// <summary>Creates an empty directory.</summary>
    public AccountDirectory() => IdOrder = new HandleOrder(this);

    /// <summary>Accounts known.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Orders handles by their accounts' ids, ordinal (the tie-break of rankings).</summary>
    public IComparer<int> IdOrder { get; }

    /// <summary>The accounts of a tenant.</summary>
    public TenantAccounts For(string tenant) => _tenants.GetOrAdd(tenant, static (t, directory) => new TenantAccounts(directory, t), this);

    /// <summary>The entry of a handle the directory gave out.</summary>
    public ref readonly AccountEntry this[int handle] => ref Volatile.Read(ref _chunks)[handle >> ChunkBits][handle & (ChunkSize - 1)];

    /// <summary>The id of a handle.</summary>
    public string IdOf(int handle) => this[handle].Id;

    internal int Append(TenantAccounts tenant, string id, Func<int, bool> publish)
    {
        lock (_appendLock)
        {
            int handle = _count;
            int chunk = handle >> ChunkBits;
            var chunks = _chunks;
            if (chunk == chunks.Length)
            {
                Array.Resize(ref chunks, chunks.Length * 2);
                Volatile.Write(ref _chunks, chunks);
            }

            chunks[chunk] ??= new AccountEntry[ChunkSize];
            chunks[chunk][handle & (ChunkSize - 1)] = new AccountEntry(id, tenant, GrainKeys.Account(tenant.Tenant, id));
            if (!publish(handle))
            {
                chunks[chunk][handle & (ChunkSize - 1)] = default;
                return -1;
            }

            Volatile.Write(ref _count, handle + 1);
            return handle;
        }
    }

    private sealed class HandleOrder(AccountDirectory directory) : IComparer<int>
    {
        public int Compare(int x, int y) => x == y ? 0 : string.CompareOrdinal(directory.IdOf(x), directory.IdOf(y));
    }
}
