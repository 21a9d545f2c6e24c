using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Services.Wire;
using ScoringGrid.V1;
using AccountScore = ScoringGrid.Scoring.AccountScore;
using Interaction = ScoringGrid.Scoring.Interaction;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// A GetAccountScore response written field by field is the message the generated type writes for the
/// same score (built here field by field from the scoring model's <see cref="AccountScore"/>), for
/// accounts with any mix of interactions given and received: counts past one varint byte, replies that
/// answer mentions, followers, posts and conversions, unanswered expectations. A reply rented again
/// writes only its new score.
/// </summary>
[Collection(ReplyPoolCollection.Name)]
public sealed class AccountScoreReplyTests
{
    private const long Base = RandomAccounts.Base;

    [Fact]
    public void Any_account_writes_the_bytes_of_the_generated_message() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var score = RandomScore(seed);
            var reply = AccountScoreReply.Rent(score);
            var expected = Expected(score).ToByteArray();
            Assert.Equal(expected.Length, reply.Size());
            var written = new byte[expected.Length];
            reply.Write(written);
            Assert.Equal(expected, written);
            reply.Release();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void The_drawn_accounts_include_answered_expectations_followers_and_conversions()
    {
        var scores = Enumerable.Range(0, 100).Select(RandomScore).ToArray();
        Assert.Contains(scores, s => s.Responsiveness.MedianAnswerMs is not null && s.Responsiveness.ResponseRate is not null);
        Assert.Contains(scores, s => s.Responsiveness.Open > 0);
        Assert.Contains(scores, s => s.Followers.Followers > 0);
        Assert.Contains(scores, s => s.Kaushik.EconomicValue != 0);
        Assert.Contains(scores, s => s.GivenCounts.Total > 127 || s.ReceivedCounts.Total > 127);
    }

    [Fact]
    public void An_account_that_only_posted_writes_its_defaults_as_the_generated_message_does()
    {
        var state = new AccountState("poster");
        state.ApplyAsActor(new Interaction("p1", "poster", "", InteractionKind.Post, Base, null, 0, null), ScoringModel.Default);
        var score = state.Score(Base, ScoringModel.Default);

        var reply = AccountScoreReply.Rent(score);
        var written = new byte[reply.Size()];
        reply.Write(written);
        Assert.Equal(Expected(score).ToByteArray(), written);

        var read = V1.AccountScore.Parser.ParseFrom(written);
        Assert.Equal(1ul, read.Posts);
        Assert.Empty(read.Received);
        Assert.False(read.Responsiveness.HasResponseRate);
        Assert.Equal(ScoringModel.Default.ResponseSlaMs, read.Responsiveness.SlaMs);
        reply.Release();
    }

    [Fact]
    public void A_reply_rented_again_writes_only_its_new_score()
    {
        var turns = AccountScoreReply.PooledCount + 100;
        for (var seed = 0; seed < turns; seed++)
        {
            var before = AccountScoreReply.Rent(RandomScore(seed));
            before.Write(new byte[before.Size()]);
            before.Release();

            var score = RandomScore(seed + 100_000);
            var after = AccountScoreReply.Rent(score);
            var expected = Expected(score).ToByteArray();
            var written = new byte[expected.Length];
            after.Write(written);
            Assert.Equal(expected, written);
            after.Release();
        }
    }

    [Fact]
    public void A_reply_given_back_twice_is_pooled_once_and_a_destination_of_the_wrong_size_is_refused()
    {
        var reply = AccountScoreReply.Rent(RandomScore(3));
        var error = Assert.Throws<InvalidOperationException>(() => reply.Write(new byte[reply.Size() + 2]));
        Assert.Contains("reserved", error.Message);
        var pooled = AccountScoreReply.PooledCount;

        reply.Release();
        reply.Release();

        Assert.Equal(pooled + 1, AccountScoreReply.PooledCount);
    }

    /// <summary>The generated message for a score, field by field.</summary>
    private static V1.AccountScore Expected(AccountScore score)
    {
        var message = new V1.AccountScore
        {
            AccountId = score.AccountId,
            EngagementReceived = score.EngagementReceived,
            EngagementGiven = score.EngagementGiven,
            Posts = (ulong)score.Posts,
            ConversationRatio = score.ConversationRatio,
            Responsiveness = new ResponsivenessSummary
            {
                Answered = (ulong)score.Responsiveness.Answered,
                OpenWithinSla = (ulong)(score.Responsiveness.Open - score.Responsiveness.OpenPastSla),
                OpenPastSla = (ulong)score.Responsiveness.OpenPastSla,
                AnswerSamples = (ulong)score.Responsiveness.AnswerSamples,
                SlaMs = score.Responsiveness.SlaMs,
            },
            Followers = new FollowerStats
            {
                Followers = (ulong)score.Followers.Followers,
                Engaged = (ulong)score.Followers.EngagedFollowers,
                Silent = (ulong)score.Followers.SilentFollowers,
                SilentRatio = score.Followers.SilentRatio,
                WindowMs = score.Followers.WindowEndMs - score.Followers.WindowStartMs,
            },
            PostRates = new PostRates
            {
                WindowStart = score.Kaushik.WindowStartMs,
                WindowEnd = score.Kaushik.WindowEndMs,
                Posts = (ulong)score.Kaushik.Posts,
                CommentsAndReplies = (ulong)score.Kaushik.Conversations,
                Shares = (ulong)score.Kaushik.Shares,
                Likes = (ulong)score.Kaushik.Likes,
                ConversationRate = score.Kaushik.ConversationRate,
                AmplificationRate = score.Kaushik.AmplificationRate,
                ApplauseRate = score.Kaushik.ApplauseRate,
                EconomicValue = score.Kaushik.EconomicValue,
            },
            Parameters = new ScoreParameters { HalfLifeMs = score.HalfLifeMs, AsOf = score.AsOfMs },
            FirstInteraction = score.FirstEventMs ?? 0,
            LastInteraction = score.LastEventMs ?? 0,
        };
        if (score.Responsiveness.ResponseRate is { } rate)
        {
            message.Responsiveness.ResponseRate = rate;
        }

        if (score.Responsiveness.MedianAnswerMs is { } median)
        {
            message.Responsiveness.MedianAnswerMs = median;
        }

        if (score.Responsiveness.P90AnswerMs is { } p90)
        {
            message.Responsiveness.P90AnswerMs = p90;
        }

        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            if (score.ReceivedCounts[kind] != 0)
            {
                message.Received.Add(new KindCount { Kind = (V1.InteractionKind)(int)kind, Count = (ulong)score.ReceivedCounts[kind], Weight = score.Weights[kind] });
            }

            if (score.GivenCounts[kind] != 0)
            {
                message.Given.Add(new KindCount { Kind = (V1.InteractionKind)(int)kind, Count = (ulong)score.GivenCounts[kind], Weight = score.Weights[kind] });
            }
        }

        return message;
    }

    /// <summary>An account's score after random interactions both ways, under random weights, drawn from a seed.</summary>
    private static AccountScore RandomScore(int seed)
    {
        var (state, model, asOf) = RandomAccounts.Draw(seed);
        return state.Score(asOf, model);
    }
}
