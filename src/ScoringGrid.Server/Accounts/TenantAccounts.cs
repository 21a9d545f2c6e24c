using System.Globalization;
using System.Text.Unicode;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Accounts;

/// <summary>
/// The accounts of one tenant: id → handle in the <see cref="AccountDirectory"/>. As an
/// <see cref="IAccountIdPool"/>, it gives a stored state read back the directory's strings for the
/// accounts it names.
/// </summary>
public sealed class TenantAccounts : IAccountIdPool
{
    /// <summary>How many steps <see cref="Prefetch"/> takes.</summary>
    public const int PrefetchSteps = 3;

    private readonly AccountDirectory _directory;
    private readonly AccountIndex _handles;

    internal TenantAccounts(AccountDirectory directory, string tenant)
    {
        _directory = directory;
        _handles = new AccountIndex(directory);
        Tenant = tenant;
        KeyPrefix = tenant.Length.ToString(CultureInfo.InvariantCulture) + ":" + tenant;
        EventSeed = Ingest.EventHashes.TenantSeed(tenant);
    }

    /// <summary>The seed of the tenant's event hashes (<see cref="Ingest.EventHashes"/>).</summary>
    public long EventSeed { get; }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>The tenant part every grain key of the tenant starts with.</summary>
    public string KeyPrefix { get; }

    /// <summary>Accounts of the tenant known.</summary>
    public int Count => _handles.Count;

    /// <summary>The directory.</summary>
    public AccountDirectory Directory => _directory;

    /// <summary>The handle of an account already known.</summary>
    public bool TryGet(string id, out int handle) => _handles.TryGet(id, out handle);

    /// <summary>The handle of an account already known, named by its characters.</summary>
    public bool TryGet(ReadOnlySpan<char> id, out int handle) => _handles.TryGet(id, out handle);

    /// <summary>The handle of an account, numbering it when it is new.</summary>
    public int GetOrAdd(string id)
    {
        return _handles.TryGet(id, out int handle) ? handle : Add(id);
    }

    /// <summary>
    /// The handle of an account named by its characters, whose <see cref="Hash"/> the caller has
    /// taken, numbering it when it is new (a string is made only then).
    /// </summary>
    public int GetOrAdd(ReadOnlySpan<char> id, uint hash)
    {
        return _handles.TryGet(id, hash, out int handle) ? handle : Add(id.ToString());
    }

    /// <summary>The hash <see cref="GetOrAdd(ReadOnlySpan{char}, uint)"/> takes.</summary>
    public static uint Hash(ReadOnlySpan<char> id) => AccountIndex.Hash(id);

    /// <summary>
    /// The characters of an id given as valid UTF-8, written into <paramref name="chars"/> (one
    /// character per byte is always room enough): how ids read from a request's bytes are looked up.
    /// </summary>
    public static ReadOnlySpan<char> DecodeId(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        Utf8.ToUtf16(utf8, chars, out _, out var written);
        return chars[..written];
    }

    /// <inheritdoc />
    string IAccountIdPool.Intern(ReadOnlySpan<char> id) => _directory.IdOf(GetOrAdd(id, Hash(id)));

    /// <summary>One step (0 to <see cref="PrefetchSteps"/> − 1) of the hints for an id about to be looked up; see <see cref="AccountIndex.Prefetch"/>.</summary>
    public void Prefetch(uint hash, int step) => _handles.Prefetch(hash, step);

    /// <summary>The slow path of <see cref="GetOrAdd(string)"/>, apart so the lookup allocates no closure.</summary>
    private int Add(string id)
    {
        while (true)
        {
            int handle = _directory.Append(this, id, h => _handles.TryAdd(id, h));
            if (handle >= 0 || _handles.TryGet(id, out handle))
            {
                return handle;
            }
        }
    }
}
