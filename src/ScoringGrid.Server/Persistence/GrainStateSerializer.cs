using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// Stores account grains' state in their binary form (<see cref="AccountRecord"/>), naming other
/// accounts by id: handles never leave the process. Records an earlier version wrote as JSON are
/// still read (<see cref="JsonAccountRecord"/>). Relationship grains are compact and stored by
/// <see cref="RelationshipGrainType"/>.
/// </summary>
public sealed class GrainStateSerializer(AccountDirectory directory) : IGrainStateSerializer
{
    /// <inheritdoc />
    public byte[] Serialize<T>(GrainId grainId, T state)
        where T : class, new() => state switch
        {
            AccountGrainState account => AccountRecord.Encode(account, directory),
            _ => throw new NotSupportedException($"No stored form for {typeof(T).Name}."),
        };

    /// <inheritdoc />
    public T Deserialize<T>(GrainId grainId, ReadOnlySpan<byte> data)
        where T : class, new()
    {
        if (typeof(T) == typeof(AccountGrainState))
        {
            TenantAccounts accounts = directory.For(GrainKeys.TenantOf(grainId));
            return (T)(object)(JsonAccountRecord.IsJson(data) ? JsonAccountRecord.Decode(data, accounts) : AccountRecord.Decode(data, accounts));
        }

        throw new NotSupportedException($"No stored form for {typeof(T).Name}.");
    }
}
