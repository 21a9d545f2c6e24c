using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// An account's top relationships as a response, written to the wire as a
/// scoringgrid.v1.TopRelationshipsResponse by <see cref="WireReplyMarshaller{T}"/>, field by
/// field, without building the generated message (an object per relationship, the list, the
/// parameters). The bytes are those the generated message would write.
/// </summary>
/// <remarks>
/// The server rents replies (<see cref="Rent"/>), fills them (<see cref="Add"/>) and gives each back
/// once written (<see cref="Release"/>, from the marshaller), so a GetTopRelationships allocates no
/// reply once the pool holds as many as there are calls in flight.
/// </remarks>
public sealed class TopRelationshipsReply : IWireReply
{
    /// <summary>Most replies kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Most relationships whose room a pooled reply keeps; a longer listing gets room of its own, dropped on release.</summary>
    public const int MaxKeptEntries = 256;

    private const int AccountIdField = 1;
    private const int DirectionField = 2;
    private const int RelationshipsField = 3;
    private const int ParametersField = 4;
    private const int OtherAccountField = 1;
    private const int RankField = 2;
    private const int TierField = 3;
    private const int ScoreField = 4;
    private const int HalfLifeField = 1;
    private const int AsOfField = 2;

    private static readonly ReusePool<TopRelationshipsReply> Pool = new(MaxPooled, static () => new TopRelationshipsReply());

    private KeptArray<Entry> _entries = new(16, MaxKeptEntries);
    private int _count;
    private int _entriesSize; // the relationships' bytes, tags and lengths included
    private int _rented; // 1 while rented from the pool

    private TopRelationshipsReply()
    {
    }

    /// <summary>The account (account_id).</summary>
    public string AccountId { get; private set; } = "";

    /// <summary>The ranking used (direction).</summary>
    public V1.Direction Direction { get; private set; }

    /// <summary>The relationship half-life (parameters.half_life_ms).</summary>
    public long HalfLifeMs { get; private set; }

    /// <summary>The evaluation instant (parameters.as_of).</summary>
    public long AsOfMs { get; private set; }

    /// <summary>How many relationships were added.</summary>
    public int Count => _count;

    /// <summary>How many replies the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>
    /// A reply from the pool with no relationships yet, room for <paramref name="capacity"/> of them.
    /// Give it back with <see cref="Release"/> once it is written.
    /// </summary>
    public static TopRelationshipsReply Rent(string accountId, V1.Direction direction, long halfLifeMs, long asOfMs, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var reply = Pool.Take();
        reply.AccountId = accountId;
        reply.Direction = direction;
        reply.HalfLifeMs = halfLifeMs;
        reply.AsOfMs = asOfMs;
        reply._count = 0;
        reply._entriesSize = 0;
        reply._entries.For(capacity);
        reply._rented = 1;
        return reply;
    }

    /// <summary>Adds the next relationship (best first); at most the capacity rented.</summary>
    public void Add(string otherAccount, uint rank, V1.Tier tier, double score)
    {
        var size = WireFields.StringSize(OtherAccountField, otherAccount) + WireFields.UInt32Size(RankField, rank)
            + WireFields.EnumSize(TierField, (int)tier) + WireFields.DoubleSize(ScoreField, score);
        _entries.Current[_count++] = new Entry(otherAccount, rank, tier, score, size);
        _entriesSize += WireFields.MessageSize(RelationshipsField, size);
    }

    /// <summary>The relationship added at <paramref name="index"/>: other account, rank, tier, score.</summary>
    public (string OtherAccount, uint Rank, V1.Tier Tier, double Score) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            ref readonly var entry = ref _entries.Current[index];
            return (entry.OtherAccount, entry.Rank, entry.Tier, entry.Score);
        }
    }

    /// <summary>
    /// Gives a reply back to the pool; nothing may read it afterwards. Does nothing once given back,
    /// so a reply is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            Array.Clear(_entries.Current, 0, _count); // keeps no account id alive
            _entries.Drop();
            _count = 0;
            AccountId = "";
            Pool.Return(this);
        }
    }

    /// <summary>The encoded size in bytes.</summary>
    public int Size() =>
        WireFields.StringSize(AccountIdField, AccountId) + WireFields.EnumSize(DirectionField, (int)Direction)
        + _entriesSize + WireFields.MessageSize(ParametersField, ParametersSize());

    /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes long.</summary>
    public void Write(Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        WireFields.WriteString(ref writer, AccountIdField, AccountId);
        WireFields.WriteVarint(ref writer, DirectionField, (ulong)(long)(int)Direction);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var entry = ref _entries.Current[i];
            writer.MessageHeader(RelationshipsField, entry.Size);
            WireFields.WriteString(ref writer, OtherAccountField, entry.OtherAccount);
            WireFields.WriteVarint(ref writer, RankField, entry.Rank);
            WireFields.WriteVarint(ref writer, TierField, (ulong)(long)(int)entry.Tier);
            WireFields.WriteDouble(ref writer, ScoreField, entry.Score);
        }

        writer.MessageHeader(ParametersField, ParametersSize());
        WireFields.WriteVarint(ref writer, HalfLifeField, (ulong)HalfLifeMs);
        WireFields.WriteVarint(ref writer, AsOfField, (ulong)AsOfMs);
        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"A top relationships response wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }

    private int ParametersSize() => WireFields.Int64Size(HalfLifeField, HalfLifeMs) + WireFields.Int64Size(AsOfField, AsOfMs);

    /// <summary>One relationship and its encoded size (without its tag and length).</summary>
    private readonly record struct Entry(string OtherAccount, uint Rank, V1.Tier Tier, double Score, int Size);
}
