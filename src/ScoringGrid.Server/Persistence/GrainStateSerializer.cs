using System.Text.Json;
using System.Text.Json.Serialization;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Stores account grains' state as UTF-8 JSON of the scoring library's snapshots (a format a
/// person can read in the database, and that survives adding fields), naming other accounts by
/// id: handles never leave the process. Relationship grains are compact and stored by
/// <see cref="RelationshipGrainType"/>.
/// </summary>
public sealed class GrainStateSerializer(AccountDirectory directory) : IGrainStateSerializer
{
    /// <inheritdoc />
    public byte[] Serialize<T>(GrainId grainId, T state)
        where T : class, new() => state switch
        {
            AccountGrainState account => JsonSerializer.SerializeToUtf8Bytes(StoredAccount.From(account, directory), StoredStateJson.Default.StoredAccount),
            _ => throw new NotSupportedException($"No stored form for {typeof(T).Name}."),
        };

    /// <inheritdoc />
    public T Deserialize<T>(GrainId grainId, ReadOnlySpan<byte> data)
        where T : class, new()
    {
        if (typeof(T) == typeof(AccountGrainState))
        {
            var stored = JsonSerializer.Deserialize(data, StoredStateJson.Default.StoredAccount) ?? new StoredAccount();
            return (T)(object)stored.ToState(directory.For(GrainKeys.TenantOf(grainId)));
        }

        throw new NotSupportedException($"No stored form for {typeof(T).Name}.");
    }
}

/// <summary>The stored form of an account grain.</summary>
internal sealed class StoredAccount
{
    public AccountSnapshot? Scores { get; set; }

    public AccountAttributes? Attributes { get; set; }

    public TopRelationshipsSnapshot? ByStrength { get; set; }

    public TopRelationshipsSnapshot? ByInbound { get; set; }

    public TopRelationshipsSnapshot? ByOutbound { get; set; }

    public static StoredAccount From(AccountGrainState state, AccountDirectory directory) => new()
    {
        Scores = state.Scores?.Save(),
        Attributes = state.Attributes,
        ByStrength = state.Rankings?.Save(directory.IdOf, RankingLists.ByStrength),
        ByInbound = state.Rankings?.Save(directory.IdOf, RankingLists.ByInbound),
        ByOutbound = state.Rankings?.Save(directory.IdOf, RankingLists.ByOutbound),
    };

    public AccountGrainState ToState(TenantAccounts accounts) => new()
    {
        Scores = Scores is null ? null : AccountState.Load(Scores),
        Attributes = Attributes,
        Rankings = LoadRankings(accounts),
    };

    private TopRelationships<int>? LoadRankings(TenantAccounts accounts)
    {
        if (ByStrength is null && ByInbound is null && ByOutbound is null)
        {
            return null;
        }

        var capacity = ByStrength?.Capacity ?? ByInbound?.Capacity ?? ByOutbound!.Capacity;
        var rankings = new TopRelationships<int>(capacity, accounts.Directory.IdOrder, RankingLists.Count);
        foreach (var (list, snapshot) in new[] { (RankingLists.ByStrength, ByStrength), (RankingLists.ByInbound, ByInbound), (RankingLists.ByOutbound, ByOutbound) })
        {
            if (snapshot is not null)
            {
                rankings.Load(list, snapshot, accounts.GetOrAdd);
            }
        }

        return rankings;
    }
}

// Number handling is set on the few properties that can hold ±∞ (sums that overflowed, unlisted ranking
// keys), not for the whole context: a context-wide setting would keep the generated writers from being
// used at all, and every account would be written through the slower metadata-driven converters.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredAccount))]
internal sealed partial class StoredStateJson : JsonSerializerContext;
