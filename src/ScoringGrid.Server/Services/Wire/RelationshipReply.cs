using Google.Protobuf;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;
using ScoringGrid.V1;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// One relationship as a response, seen in the order asked (the first account as a): the record's
/// figures and counts turned round when needed, the tier and rank on each side. It is written to
/// the wire as a scoringgrid.v1.RelationshipScore by <see cref="WireReplyMarshaller{T}"/>, field by
/// field; <see cref="ToMessage"/> builds that message from the same resolved fields (the form the
/// property tests hold the wire bytes to).
/// </summary>
/// <remarks>
/// The server rents replies (<see cref="Rent"/>) and gives each back once written
/// (<see cref="Release"/>, from the marshaller, or from the batch that holds it), so a GetRelationship
/// allocates no reply; a reply made with the constructor is not pooled.
/// </remarks>
public sealed class RelationshipReply : IWireReply
{
    /// <summary>Most replies kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private static readonly ReusePool<RelationshipReply> Pool = new(MaxPooled, static () => new RelationshipReply());

    private const int PairField = 1;
    private const int AToBField = 2;
    private const int BToAField = 3;
    private const int ReciprocityField = 4;
    private const int StrengthField = 5;
    private const int AToBCountsField = 6;
    private const int BToACountsField = 7;
    private const int FirstInteractionField = 8;
    private const int LastInteractionField = 9;
    private const int AFollowsBField = 10;
    private const int BFollowsAField = 11;
    private const int TierForAField = 12;
    private const int TierForBField = 13;
    private const int RankForAField = 14;
    private const int RankForBField = 15;
    private const int ParametersField = 16;

    private const int AccountAField = 1;
    private const int AccountBField = 2;
    private const int HalfLifeField = 1;
    private const int AsOfField = 2;

    private RelationshipRecord _record;
    private bool _flipped; // the first account asked is the record's B
    private KindWeights _weights = null!;
    private int _rented; // 1 while rented from the pool
    private int _pairSize = -1; // sizes, computed by Size and reused by Write
    private int _aToBCountsSize;
    private int _bToACountsSize;
    private int _parametersSize;

    /// <summary>Resolves a relationship's response.</summary>
    /// <param name="record">The pair's record (side A the smaller handle).</param>
    /// <param name="firstIsA">Whether the first account asked is the record's side A.</param>
    /// <param name="first">The first account asked (a in the response).</param>
    /// <param name="second">The second account asked (b).</param>
    /// <param name="rankForFirst">The pair's rank among the first account's relationships, if tracked.</param>
    /// <param name="rankForSecond">The pair's rank among the second account's relationships, if tracked.</param>
    /// <param name="asOfMs">The evaluation instant.</param>
    /// <param name="model">The tenant's model.</param>
    public RelationshipReply(in RelationshipRecord record, bool firstIsA, string first, string second, int? rankForFirst, int? rankForSecond, long asOfMs, ScoringModel model) =>
        Resolve(record, firstIsA, first, second, rankForFirst, rankForSecond, asOfMs, model);

    private RelationshipReply()
    {
    }

    /// <summary>The first account asked (a).</summary>
    public string First { get; private set; } = "";

    /// <summary>The second account asked (b).</summary>
    public string Second { get; private set; } = "";

    /// <summary>The record's figures (sides as in the record).</summary>
    public RelationshipFigures Figures { get; private set; }

    /// <summary>Rank among the first account's relationships.</summary>
    public int? RankForFirst { get; private set; }

    /// <summary>Rank among the second account's relationships.</summary>
    public int? RankForSecond { get; private set; }

    /// <summary>Tier among the first account's relationships.</summary>
    public V1.Tier TierForFirst { get; private set; }

    /// <summary>Tier among the second account's relationships.</summary>
    public V1.Tier TierForSecond { get; private set; }

    /// <summary>How many replies the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>A reply from the pool, resolved as the constructor would resolve it. Give it back with <see cref="Release"/> once it is written.</summary>
    /// <inheritdoc cref="RelationshipReply(in RelationshipRecord, bool, string, string, int?, int?, long, ScoringModel)" path="/param"/>
    public static RelationshipReply Rent(in RelationshipRecord record, bool firstIsA, string first, string second, int? rankForFirst, int? rankForSecond, long asOfMs, ScoringModel model)
    {
        var reply = Pool.Take();
        reply.Resolve(record, firstIsA, first, second, rankForFirst, rankForSecond, asOfMs, model);
        reply._rented = 1;
        return reply;
    }

    /// <summary>
    /// Gives a rented reply back to the pool; nothing may read it afterwards. Does nothing for a reply
    /// made with the constructor, or one already given back, so a reply is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            First = "";
            Second = "";
            Pool.Return(this);
        }
    }

    private double AToB => _flipped ? Figures.BToA : Figures.AToB;

    private double BToA => _flipped ? Figures.AToB : Figures.BToA;

    private bool AFollowsB => _flipped ? Figures.BFollowsA : Figures.AFollowsB;

    private bool BFollowsA => _flipped ? Figures.AFollowsB : Figures.BFollowsA;

    private long FirstInteraction => Figures.FirstInteractionMs ?? 0;

    private long LastInteraction => Figures.LastInteractionMs ?? 0;

    /// <summary>The response as the generated message.</summary>
    public V1.RelationshipScore ToMessage()
    {
        var message = new V1.RelationshipScore
        {
            Pair = new AccountPair { AccountA = First, AccountB = Second },
            AToB = AToB,
            BToA = BToA,
            Reciprocity = Figures.Reciprocity,
            Strength = Figures.Strength,
            FirstInteraction = FirstInteraction,
            LastInteraction = LastInteraction,
            AFollowsB = AFollowsB,
            BFollowsA = BFollowsA,
            TierForA = TierForFirst,
            TierForB = TierForSecond,
            Parameters = new ScoreParameters { HalfLifeMs = Figures.HalfLifeMs, AsOf = Figures.AsOfMs },
        };
        if (RankForFirst is { } a)
        {
            message.RankForA = (uint)a;
        }

        if (RankForSecond is { } b)
        {
            message.RankForB = (uint)b;
        }

        AddCounts(message.AToBCounts, fromB: _flipped);
        AddCounts(message.BToACounts, fromB: !_flipped);
        return message;
    }

    /// <summary>Encoded size of the response.</summary>
    public int Size()
    {
        _pairSize = WireFields.StringSize(AccountAField, First) + WireFields.StringSize(AccountBField, Second);
        _aToBCountsSize = CountsSize(AToBCountsField, fromB: _flipped);
        _bToACountsSize = CountsSize(BToACountsField, fromB: !_flipped);
        _parametersSize = WireFields.Int64Size(HalfLifeField, Figures.HalfLifeMs) + WireFields.Int64Size(AsOfField, Figures.AsOfMs);

        int size = WireFields.MessageSize(PairField, _pairSize)
            + WireFields.DoubleSize(AToBField, AToB) + WireFields.DoubleSize(BToAField, BToA)
            + WireFields.DoubleSize(ReciprocityField, Figures.Reciprocity) + WireFields.DoubleSize(StrengthField, Figures.Strength)
            + _aToBCountsSize + _bToACountsSize
            + WireFields.Int64Size(FirstInteractionField, FirstInteraction) + WireFields.Int64Size(LastInteractionField, LastInteraction)
            + (AFollowsB ? 2 : 0) + (BFollowsA ? 2 : 0)
            + WireFields.EnumSize(TierForAField, (int)TierForFirst) + WireFields.EnumSize(TierForBField, (int)TierForSecond)
            + RankSize(RankForAField, RankForFirst) + RankSize(RankForBField, RankForSecond)
            + WireFields.MessageSize(ParametersField, _parametersSize);
        return size;
    }

    /// <summary>Writes the response; <paramref name="destination"/> holds exactly <see cref="Size"/> bytes.</summary>
    public void Write(Span<byte> destination)
    {
        if (_pairSize < 0)
        {
            Size();
        }

        var writer = new WireWriter(destination);
        writer.MessageHeader(PairField, _pairSize);
        WireFields.WriteString(ref writer, AccountAField, First);
        WireFields.WriteString(ref writer, AccountBField, Second);
        WireFields.WriteDouble(ref writer, AToBField, AToB);
        WireFields.WriteDouble(ref writer, BToAField, BToA);
        WireFields.WriteDouble(ref writer, ReciprocityField, Figures.Reciprocity);
        WireFields.WriteDouble(ref writer, StrengthField, Figures.Strength);
        WriteCounts(ref writer, AToBCountsField, fromB: _flipped);
        WriteCounts(ref writer, BToACountsField, fromB: !_flipped);
        WireFields.WriteVarint(ref writer, FirstInteractionField, (ulong)FirstInteraction);
        WireFields.WriteVarint(ref writer, LastInteractionField, (ulong)LastInteraction);
        WireFields.WriteVarint(ref writer, AFollowsBField, AFollowsB ? 1UL : 0);
        WireFields.WriteVarint(ref writer, BFollowsAField, BFollowsA ? 1UL : 0);
        WireFields.WriteVarint(ref writer, TierForAField, (ulong)(long)(int)TierForFirst);
        WireFields.WriteVarint(ref writer, TierForBField, (ulong)(long)(int)TierForSecond);
        if (RankForFirst is { } a)
        {
            writer.Varint(RankForAField, (uint)a);
        }

        if (RankForSecond is { } b)
        {
            writer.Varint(RankForBField, (uint)b);
        }

        writer.MessageHeader(ParametersField, _parametersSize);
        WireFields.WriteVarint(ref writer, HalfLifeField, (ulong)Figures.HalfLifeMs);
        WireFields.WriteVarint(ref writer, AsOfField, (ulong)Figures.AsOfMs);
        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"A relationship response wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }

    private void AddCounts(Google.Protobuf.Collections.RepeatedField<KindCount> target, bool fromB)
    {
        for (var kind = InteractionKind.View; kind <= InteractionKind.Unfollow; kind++)
        {
            var count = _record.CountOf(fromB, kind);
            if (count != 0)
            {
                target.Add(new KindCount { Kind = (V1.InteractionKind)(int)kind, Count = count, Weight = _weights[kind] });
            }
        }
    }

    private int CountsSize(int field, bool fromB)
    {
        var size = 0;
        for (var kind = InteractionKind.View; kind <= InteractionKind.Unfollow; kind++)
        {
            var count = _record.CountOf(fromB, kind);
            if (count != 0)
            {
                size += KindCountFields.SizeWithHeader(field, kind, count, _weights[kind]);
            }
        }

        return size;
    }

    private void WriteCounts(ref WireWriter writer, int field, bool fromB)
    {
        for (var kind = InteractionKind.View; kind <= InteractionKind.Unfollow; kind++)
        {
            var count = _record.CountOf(fromB, kind);
            if (count != 0)
            {
                KindCountFields.Write(ref writer, field, kind, count, _weights[kind]);
            }
        }
    }

    private static int RankSize(int field, int? rank) =>
        rank is { } r ? CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeUInt32Size((uint)r) : 0;

    private void Resolve(in RelationshipRecord record, bool firstIsA, string first, string second, int? rankForFirst, int? rankForSecond, long asOfMs, ScoringModel model)
    {
        _record = record;
        _flipped = !firstIsA;
        _weights = model.Weights;
        _pairSize = -1;
        First = first;
        Second = second;
        RankForFirst = rankForFirst;
        RankForSecond = rankForSecond;
        Figures = record.Figures(asOfMs, model);
        TierForFirst = ScoreMapping.ToProto(Tiers.FromRank(rankForFirst, Figures.Strength, model));
        TierForSecond = ScoreMapping.ToProto(Tiers.FromRank(rankForSecond, Figures.Strength, model));
    }
}
