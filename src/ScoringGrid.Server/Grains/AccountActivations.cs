using ScoringGrid.Grains;
using ScoringGrid.Server.Accounts;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// A partition's account activations by directory handle: the ingest pipeline finds an account
/// grain with one array read instead of hashing its key. Partition-local (see
/// <see cref="GrainPartition.GetLocal{T}"/>); an account grain enters when activated and leaves when
/// deactivated.
/// </summary>
internal sealed class AccountActivations
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;
    private AccountGrain?[]?[] _chunks = new AccountGrain?[]?[16];

    /// <summary>The active grain of a handle, or null.</summary>
    public AccountGrain? Get(int handle)
    {
        int chunk = handle >> ChunkBits;
        return chunk < _chunks.Length ? _chunks[chunk]?[handle & (ChunkSize - 1)] : null;
    }

    /// <summary>Records (or, with null, forgets) the active grain of a handle.</summary>
    public void Set(int handle, AccountGrain? grain)
    {
        int chunk = handle >> ChunkBits;
        if (chunk >= _chunks.Length)
        {
            if (grain is null)
            {
                return;
            }

            Array.Resize(ref _chunks, Math.Max(chunk + 1, _chunks.Length * 2));
        }

        var array = _chunks[chunk] ??= new AccountGrain?[ChunkSize];
        array[handle & (ChunkSize - 1)] = grain;
    }

    /// <summary>The partition's table (look it up once per work item, not per account).</summary>
    public static AccountActivations Of(GrainPartition partition) => partition.GetLocal(static () => new AccountActivations());

    /// <summary>The account grain of a handle on this table's partition, activating it when needed.</summary>
    public ValueTask<AccountGrain> GetAsync(int handle, GrainPartition partition, AccountDirectory directory) =>
        Get(handle) is { } grain ? new ValueTask<AccountGrain>(grain) : ActivateAsync(partition, this, directory, handle);

    private static async ValueTask<AccountGrain> ActivateAsync(GrainPartition partition, AccountActivations activations, AccountDirectory directory, int handle)
    {
        var grain = await partition.GetOrActivateAsync<AccountGrain>(directory[handle].GrainId).ConfigureAwait(false);
        grain.BindHandle(handle);
        activations.Set(handle, grain);
        return grain;
    }
}
