using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// An account's score as a response, written to the wire as a scoringgrid.v1.AccountScore by
/// <see cref="WireReplyMarshaller{T}"/>, field by field from the scoring model's
/// <see cref="AccountScore"/>, without building the generated message (an object per count, the
/// responsiveness, follower, post-rate and parameter messages). The bytes are those the generated
/// message would write.
/// </summary>
/// <remarks>
/// The server rents replies (<see cref="Rent"/>) and gives each back once written (<see cref="Release"/>,
/// from the marshaller), so a GetAccountScore allocates no reply once the pool holds as many as there
/// are calls in flight.
/// </remarks>
public sealed class AccountScoreReply : IWireReply
{
    /// <summary>Most replies kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const int AccountIdField = 1;
    private const int EngagementReceivedField = 2;
    private const int EngagementGivenField = 3;
    private const int ReceivedField = 4;
    private const int GivenField = 5;
    private const int PostsField = 6;
    private const int ConversationRatioField = 7;
    private const int ResponsivenessField = 8;
    private const int FollowersField = 9;
    private const int PostRatesField = 10;
    private const int ParametersField = 11;
    private const int FirstInteractionField = 12;
    private const int LastInteractionField = 13;

    private const int FollowerCountField = 1;
    private const int EngagedField = 2;
    private const int SilentField = 3;
    private const int SilentRatioField = 4;
    private const int FollowerWindowField = 5;

    private const int WindowStartField = 1;
    private const int WindowEndField = 2;
    private const int RatePostsField = 3;
    private const int CommentsAndRepliesField = 4;
    private const int SharesField = 5;
    private const int LikesField = 6;
    private const int ConversationRateField = 7;
    private const int AmplificationRateField = 8;
    private const int ApplauseRateField = 9;
    private const int EconomicValueField = 10;

    private const int HalfLifeField = 1;
    private const int AsOfField = 2;

    private static readonly ReusePool<AccountScoreReply> Pool = new(MaxPooled, static () => new AccountScoreReply());

    private AccountScore _score;
    private int _rented; // 1 while rented from the pool
    private int _receivedSize; // the embedded messages' sizes, found when the reply is resolved
    private int _givenSize;
    private int _responsivenessSize;
    private int _followersSize;
    private int _postRatesSize;
    private int _parametersSize;

    private AccountScoreReply()
    {
    }

    /// <summary>The score the reply writes.</summary>
    public ref readonly AccountScore Score => ref _score;

    /// <summary>How many replies the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>A reply from the pool for an account's score. Give it back with <see cref="Release"/> once it is written.</summary>
    public static AccountScoreReply Rent(in AccountScore score)
    {
        var reply = Pool.Take();
        reply.Resolve(score);
        reply._rented = 1;
        return reply;
    }

    /// <summary>
    /// Gives a reply back to the pool; nothing may read it afterwards. Does nothing once given back,
    /// so a reply is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _score = default; // keeps no id or listing alive
            Pool.Return(this);
        }
    }

    /// <summary>The encoded size in bytes.</summary>
    public int Size() =>
        WireFields.StringSize(AccountIdField, _score.AccountId)
        + WireFields.DoubleSize(EngagementReceivedField, _score.EngagementReceived) + WireFields.DoubleSize(EngagementGivenField, _score.EngagementGiven)
        + _receivedSize + _givenSize
        + WireFields.UInt64Size(PostsField, (ulong)_score.Posts) + WireFields.DoubleSize(ConversationRatioField, _score.ConversationRatio)
        + WireFields.MessageSize(ResponsivenessField, _responsivenessSize) + WireFields.MessageSize(FollowersField, _followersSize)
        + WireFields.MessageSize(PostRatesField, _postRatesSize) + WireFields.MessageSize(ParametersField, _parametersSize)
        + WireFields.Int64Size(FirstInteractionField, _score.FirstEventMs ?? 0) + WireFields.Int64Size(LastInteractionField, _score.LastEventMs ?? 0);

    /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes long.</summary>
    public void Write(Span<byte> destination)
    {
        ref readonly var score = ref _score;
        var writer = new WireWriter(destination);
        WireFields.WriteString(ref writer, AccountIdField, score.AccountId);
        WireFields.WriteDouble(ref writer, EngagementReceivedField, score.EngagementReceived);
        WireFields.WriteDouble(ref writer, EngagementGivenField, score.EngagementGiven);
        WriteCounts(ref writer, ReceivedField, score.ReceivedCounts, score.Weights);
        WriteCounts(ref writer, GivenField, score.GivenCounts, score.Weights);
        WireFields.WriteVarint(ref writer, PostsField, (ulong)score.Posts);
        WireFields.WriteDouble(ref writer, ConversationRatioField, score.ConversationRatio);

        ResponsivenessSummaryFields.Write(ref writer, ResponsivenessField, _responsivenessSize, score.Responsiveness);

        var followers = score.Followers;
        writer.MessageHeader(FollowersField, _followersSize);
        WireFields.WriteVarint(ref writer, FollowerCountField, (ulong)followers.Followers);
        WireFields.WriteVarint(ref writer, EngagedField, (ulong)followers.EngagedFollowers);
        WireFields.WriteVarint(ref writer, SilentField, (ulong)followers.SilentFollowers);
        WireFields.WriteDouble(ref writer, SilentRatioField, followers.SilentRatio);
        WireFields.WriteVarint(ref writer, FollowerWindowField, (ulong)(followers.WindowEndMs - followers.WindowStartMs));

        var rates = score.Kaushik;
        writer.MessageHeader(PostRatesField, _postRatesSize);
        WireFields.WriteVarint(ref writer, WindowStartField, (ulong)rates.WindowStartMs);
        WireFields.WriteVarint(ref writer, WindowEndField, (ulong)rates.WindowEndMs);
        WireFields.WriteVarint(ref writer, RatePostsField, (ulong)rates.Posts);
        WireFields.WriteVarint(ref writer, CommentsAndRepliesField, (ulong)rates.Conversations);
        WireFields.WriteVarint(ref writer, SharesField, (ulong)rates.Shares);
        WireFields.WriteVarint(ref writer, LikesField, (ulong)rates.Likes);
        WireFields.WriteDouble(ref writer, ConversationRateField, rates.ConversationRate);
        WireFields.WriteDouble(ref writer, AmplificationRateField, rates.AmplificationRate);
        WireFields.WriteDouble(ref writer, ApplauseRateField, rates.ApplauseRate);
        WireFields.WriteDouble(ref writer, EconomicValueField, rates.EconomicValue);

        writer.MessageHeader(ParametersField, _parametersSize);
        WireFields.WriteVarint(ref writer, HalfLifeField, (ulong)score.HalfLifeMs);
        WireFields.WriteVarint(ref writer, AsOfField, (ulong)score.AsOfMs);
        WireFields.WriteVarint(ref writer, FirstInteractionField, (ulong)(score.FirstEventMs ?? 0));
        WireFields.WriteVarint(ref writer, LastInteractionField, (ulong)(score.LastEventMs ?? 0));
        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"An account score response wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }

    /// <summary>Each non-zero count of a kind as a KindCount message (kind, count, the kind's weight), in the kinds' order.</summary>
    private static void WriteCounts(ref WireWriter writer, int field, KindCounts counts, KindWeights weights)
    {
        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            var count = counts[kind];
            if (count != 0)
            {
                KindCountFields.Write(ref writer, field, kind, (ulong)count, weights[kind]);
            }
        }
    }

    /// <summary>The bytes of the counts' repeated field, each message's tag and length included.</summary>
    private static int CountsSize(int field, KindCounts counts, KindWeights weights)
    {
        var size = 0;
        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            var count = counts[kind];
            if (count != 0)
            {
                size += KindCountFields.SizeWithHeader(field, kind, (ulong)count, weights[kind]);
            }
        }

        return size;
    }

    private void Resolve(in AccountScore score)
    {
        _score = score;
        _receivedSize = CountsSize(ReceivedField, score.ReceivedCounts, score.Weights);
        _givenSize = CountsSize(GivenField, score.GivenCounts, score.Weights);

        _responsivenessSize = ResponsivenessSummaryFields.Size(score.Responsiveness);

        var followers = score.Followers;
        _followersSize = WireFields.UInt64Size(FollowerCountField, (ulong)followers.Followers)
            + WireFields.UInt64Size(EngagedField, (ulong)followers.EngagedFollowers)
            + WireFields.UInt64Size(SilentField, (ulong)followers.SilentFollowers)
            + WireFields.DoubleSize(SilentRatioField, followers.SilentRatio)
            + WireFields.Int64Size(FollowerWindowField, followers.WindowEndMs - followers.WindowStartMs);

        var rates = score.Kaushik;
        _postRatesSize = WireFields.Int64Size(WindowStartField, rates.WindowStartMs) + WireFields.Int64Size(WindowEndField, rates.WindowEndMs)
            + WireFields.UInt64Size(RatePostsField, (ulong)rates.Posts) + WireFields.UInt64Size(CommentsAndRepliesField, (ulong)rates.Conversations)
            + WireFields.UInt64Size(SharesField, (ulong)rates.Shares) + WireFields.UInt64Size(LikesField, (ulong)rates.Likes)
            + WireFields.DoubleSize(ConversationRateField, rates.ConversationRate) + WireFields.DoubleSize(AmplificationRateField, rates.AmplificationRate)
            + WireFields.DoubleSize(ApplauseRateField, rates.ApplauseRate) + WireFields.DoubleSize(EconomicValueField, rates.EconomicValue);

        _parametersSize = WireFields.Int64Size(HalfLifeField, score.HalfLifeMs) + WireFields.Int64Size(AsOfField, score.AsOfMs);
    }
}
