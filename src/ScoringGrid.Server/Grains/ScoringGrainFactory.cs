using System.Buffers;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;

namespace ScoringGrid.Server.Grains;

/// <summary>
/// Addresses the scoring grains by tenant and ids: account grains as typed references, and
/// relationship grains (compact) through their partition's table.
/// </summary>
public sealed class ScoringGrainFactory(GrainRuntime runtime, AccountDirectory directory, RelationshipGrainType relationships)
{
    /// <summary>The account grain of a tenant's account.</summary>
    public IAccountGrain GetAccount(string tenant, string account) => new AccountGrainReference(runtime, GrainKeys.Account(tenant, account));

    /// <summary>The id of the account a directory handle stands for (the directory's own string).</summary>
    internal string AccountIdOf(int handle) => directory.IdOf(handle);

    /// <summary>
    /// An account's grain, named by the id's characters: when the directory knows the account, no
    /// string is made and <paramref name="accountId"/> is the directory's own; otherwise it is made from
    /// the characters (the grain activates and finds whether storage holds the account).
    /// </summary>
    internal GrainId AccountOf(string tenant, ReadOnlySpan<char> account, out string accountId)
    {
        var accounts = directory.For(tenant);
        if (accounts.TryGet(account, out var handle))
        {
            ref readonly var entry = ref directory[handle];
            accountId = entry.Id;
            return entry.GrainId;
        }

        accountId = account.ToString();
        return GrainKeys.Account(tenant, accountId);
    }

    /// <summary>
    /// <see cref="AccountOf(string, ReadOnlySpan{char}, out string)"/> for an id given as valid UTF-8,
    /// decoded into a pooled character buffer.
    /// </summary>
    internal GrainId AccountOf(string tenant, ReadOnlySpan<byte> utf8, out string accountId)
    {
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            return AccountOf(tenant, TenantAccounts.DecodeId(utf8, chars), out accountId);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// A query of an account's best relationships in a <see cref="RankingLists"/> list, ready to run
    /// (<see cref="AccountQuery.RunAsync"/>: false when the account was never seen); give it back with
    /// <see cref="AccountQuery.Release"/> once read.
    /// </summary>
    internal TopRelationshipsQuery PrepareTopQuery(GrainId account, int list, int limit) => TopRelationshipsQuery.Rent(runtime, account, list, limit);

    /// <summary>
    /// A query of an account's score at an instant (no open expectation listed), ready to run
    /// (<see cref="AccountQuery.RunAsync"/>: false when the account was never seen in an interaction);
    /// give it back with <see cref="AccountQuery.Release"/> once read.
    /// </summary>
    internal AccountScoreQuery PrepareScoreQuery(GrainId account, long asOfMs) => AccountScoreQuery.Rent(runtime, account, asOfMs);

    /// <summary>
    /// A query of an account's responsiveness at an instant alone, with at most <paramref name="maxOpenListed"/>
    /// open expectations listed, ready to run (<see cref="AccountQuery.RunAsync"/>: false when the account
    /// was never seen in an interaction); give it back with <see cref="AccountQuery.Release"/> once read.
    /// </summary>
    internal ResponsivenessQuery PrepareResponsivenessQuery(GrainId account, long asOfMs, int maxOpenListed) => ResponsivenessQuery.Rent(runtime, account, asOfMs, maxOpenListed);

    /// <summary>
    /// A query of the relationship of two accounts (the pair's record and the rank of the pair among
    /// each side's relationships by strength), ready to run; null when the pair cannot exist (an
    /// account never met, and storage does not hold the pair). Run it with
    /// <see cref="RelationshipQuery.RunAsync"/> (false: the pair never interacted), then give it back
    /// with <see cref="RelationshipQuery.Release"/> once read.
    /// </summary>
    internal RelationshipQuery? PrepareRelationshipQuery(string tenant, string first, string second)
    {
        var accounts = directory.For(tenant);
        if (!accounts.TryGet(first, out var firstHandle) || !accounts.TryGet(second, out var secondHandle))
        {
            // Accounts not met since start: the pair exists only if storage holds it (never number ids a query merely names).
            if (runtime.Storage is not ICheckpointedGrainStorage storage
                || !storage.MayExist(RelationshipGrainType.Name, GrainKeys.RelationshipStableHash(accounts.KeyPrefix, first, second)))
            {
                return null;
            }

            firstHandle = accounts.GetOrAdd(first);
            secondHandle = accounts.GetOrAdd(second);
        }

        return RelationshipQuery.Rent(runtime, relationships, firstHandle, secondHandle);
    }

    /// <summary>
    /// <see cref="PrepareRelationshipQuery(string, string, string)"/> for accounts named by their
    /// characters: when the directory knows both, no string is made, and the ids given back are the
    /// directory's own; otherwise they are made from the characters.
    /// </summary>
    internal RelationshipQuery? PrepareRelationshipQuery(string tenant, ReadOnlySpan<char> first, ReadOnlySpan<char> second, out string firstId, out string secondId)
    {
        var accounts = directory.For(tenant);
        if (accounts.TryGet(first, out var firstHandle) && accounts.TryGet(second, out var secondHandle))
        {
            firstId = directory.IdOf(firstHandle);
            secondId = directory.IdOf(secondHandle);
            return RelationshipQuery.Rent(runtime, relationships, firstHandle, secondHandle);
        }

        firstId = first.ToString();
        secondId = second.ToString();
        return PrepareRelationshipQuery(tenant, firstId, secondId);
    }

    /// <summary>
    /// <see cref="PrepareRelationshipQuery(string, ReadOnlySpan{char}, ReadOnlySpan{char}, out string, out string)"/>
    /// for ids given as valid UTF-8, decoded into a pooled character buffer.
    /// </summary>
    internal RelationshipQuery? PrepareRelationshipQuery(string tenant, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, out string firstId, out string secondId)
    {
        var chars = ArrayPool<char>.Shared.Rent(first.Length + second.Length);
        try
        {
            var firstChars = TenantAccounts.DecodeId(first, chars);
            var secondChars = TenantAccounts.DecodeId(second, chars.AsSpan(firstChars.Length));
            return PrepareRelationshipQuery(tenant, firstChars, secondChars, out firstId, out secondId);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
