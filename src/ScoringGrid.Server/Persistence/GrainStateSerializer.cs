using System.Text.Json;
using System.Text.Json.Serialization;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Stores the scoring grains' state as UTF-8 JSON of the scoring library's snapshots (a
/// format a person can read in the database, and that survives adding fields).
/// </summary>
public sealed class GrainStateSerializer : IGrainStateSerializer
{
    /// <inheritdoc />
    public byte[] Serialize<T>(T state)
        where T : class, new() => state switch
        {
            AccountGrainState account => JsonSerializer.SerializeToUtf8Bytes(StoredAccount.From(account), StoredStateJson.Default.StoredAccount),
            RelationshipGrainState relationship => JsonSerializer.SerializeToUtf8Bytes(new StoredRelationship { Pair = relationship.Pair?.Save() }, StoredStateJson.Default.StoredRelationship),
            _ => throw new NotSupportedException($"No stored form for {typeof(T).Name}."),
        };

    /// <inheritdoc />
    public T Deserialize<T>(ReadOnlySpan<byte> data)
        where T : class, new()
    {
        if (typeof(T) == typeof(AccountGrainState))
        {
            var stored = JsonSerializer.Deserialize(data, StoredStateJson.Default.StoredAccount) ?? new StoredAccount();
            return (T)(object)stored.ToState();
        }

        if (typeof(T) == typeof(RelationshipGrainState))
        {
            var stored = JsonSerializer.Deserialize(data, StoredStateJson.Default.StoredRelationship) ?? new StoredRelationship();
            return (T)(object)new RelationshipGrainState { Pair = stored.Pair is null ? null : RelationshipState.Load(stored.Pair) };
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

    public static StoredAccount From(AccountGrainState state) => new()
    {
        Scores = state.Scores?.Save(),
        Attributes = state.Attributes,
        ByStrength = state.ByStrength?.Save(),
        ByInbound = state.ByInbound?.Save(),
        ByOutbound = state.ByOutbound?.Save(),
    };

    public AccountGrainState ToState() => new()
    {
        Scores = Scores is null ? null : AccountState.Load(Scores),
        Attributes = Attributes,
        ByStrength = ByStrength is null ? null : TopRelationships.Load(ByStrength),
        ByInbound = ByInbound is null ? null : TopRelationships.Load(ByInbound),
        ByOutbound = ByOutbound is null ? null : TopRelationships.Load(ByOutbound),
    };
}

/// <summary>The stored form of a relationship grain.</summary>
internal sealed class StoredRelationship
{
    public RelationshipSnapshot? Pair { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StoredAccount))]
[JsonSerializable(typeof(StoredRelationship))]
internal sealed partial class StoredStateJson : JsonSerializerContext;
