using System.Text.Json;
using System.Text.Json.Serialization;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// The JSON form of an account grain, which earlier versions stored: read when a checkpoint holds
/// it, never written any more (<see cref="AccountRecord"/> is).
/// </summary>
internal static class JsonAccountRecord
{
    /// <summary>Whether <paramref name="data"/> is a JSON record (an object, where a binary record begins with its format byte).</summary>
    public static bool IsJson(ReadOnlySpan<byte> data) => !data.IsEmpty && data[0] == (byte)'{';

    /// <summary>The state a JSON record holds.</summary>
    public static AccountGrainState Decode(ReadOnlySpan<byte> data, TenantAccounts accounts) =>
        (JsonSerializer.Deserialize(data, StoredStateJson.Default.StoredAccount) ?? new StoredAccount()).ToState(accounts);

    /// <summary>The JSON record of a state, as earlier versions wrote it (for tests of reading one).</summary>
    public static byte[] Encode(AccountGrainState state, AccountDirectory directory) =>
        JsonSerializer.SerializeToUtf8Bytes(StoredAccount.From(state, directory), StoredStateJson.Default.StoredAccount);
}

/// <summary>The JSON form of an account grain, as <see cref="JsonAccountRecord"/> reads it.</summary>
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
