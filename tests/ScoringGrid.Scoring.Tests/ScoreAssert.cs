namespace ScoringGrid.Scoring.Tests;

/// <summary>Field-by-field comparison of score answers; doubles within a tight tolerance.</summary>
internal static class ScoreAssert
{
    public const double Tolerance = 1e-9;

    public static void Close(double expected, double actual, string what, double tolerance = Tolerance)
    {
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        double scale = Math.Max(1.0, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected}, got {actual}");
        if (expected.HasValue)
        {
            Close(expected.Value, actual!.Value, what);
        }
    }

    public static void Counts(KindCounts expected, KindCounts actual, string what) =>
        Assert.True(expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()), $"{what}: counts differ");

    public static void Equal(RelationshipScore x, RelationshipScore y)
    {
        string p = $"{x.A}-{x.B}";
        Assert.Equal(x.A, y.A);
        Assert.Equal(x.B, y.B);
        Assert.Equal(x.AsOfMs, y.AsOfMs);
        Close(x.AToB, y.AToB, p + " a_to_b");
        Close(x.BToA, y.BToA, p + " b_to_a");
        Close(x.Reciprocity, y.Reciprocity, p + " reciprocity");
        Close(x.Strength, y.Strength, p + " strength");
        Close(x.StrengthKey, y.StrengthKey, p + " strength key");
        Counts(x.CountsAToB, y.CountsAToB, p + " counts a->b");
        Counts(x.CountsBToA, y.CountsBToA, p + " counts b->a");
        Assert.Equal(x.FirstInteractionMs, y.FirstInteractionMs);
        Assert.Equal(x.LastInteractionMs, y.LastInteractionMs);
        Assert.Equal(x.AFollowsB, y.AFollowsB);
        Assert.Equal(x.BFollowsA, y.BFollowsA);
        Assert.Equal(x.SentimentCountAToB, y.SentimentCountAToB);
        Assert.Equal(x.SentimentCountBToA, y.SentimentCountBToA);
        Close(x.MeanSentimentAToB, y.MeanSentimentAToB, p + " sentiment a->b");
        Close(x.MeanSentimentBToA, y.MeanSentimentBToA, p + " sentiment b->a");
        Assert.Equal(x.Weights, y.Weights);
        Assert.Equal(x.HalfLifeMs, y.HalfLifeMs);
    }

    public static void Equal(AccountScore x, AccountScore y)
    {
        string p = x.AccountId;
        Assert.Equal(x.AccountId, y.AccountId);
        Assert.Equal(x.AsOfMs, y.AsOfMs);
        Close(x.EngagementGiven, y.EngagementGiven, p + " given");
        Close(x.EngagementReceived, y.EngagementReceived, p + " received");
        Counts(x.GivenCounts, y.GivenCounts, p + " given counts");
        Counts(x.ReceivedCounts, y.ReceivedCounts, p + " received counts");
        Assert.Equal(x.Posts, y.Posts);
        Assert.Equal(x.ConversationalGiven, y.ConversationalGiven);
        Close(x.ConversationRatio, y.ConversationRatio, p + " conversation ratio");
        Close(x.ConversionValueGiven, y.ConversionValueGiven, p + " conversion value given");
        Close(x.ConversionValueReceived, y.ConversionValueReceived, p + " conversion value received");
        Assert.Equal(x.FirstEventMs, y.FirstEventMs);
        Assert.Equal(x.LastEventMs, y.LastEventMs);

        ResponsivenessScore r = x.Responsiveness;
        ResponsivenessScore s = y.Responsiveness;
        Assert.Equal(r.SlaMs, s.SlaMs);
        Assert.True(r.Answered == s.Answered, $"{p} answered: {r.Answered} vs {s.Answered}");
        Assert.True(r.Open == s.Open, $"{p} open: {r.Open} vs {s.Open}");
        Assert.Equal(r.OpenPastSla, s.OpenPastSla);
        Close(r.ResponseRate, s.ResponseRate, p + " response rate");
        Assert.True(r.AnswerSamples == s.AnswerSamples, $"{p} samples: {r.AnswerSamples} vs {s.AnswerSamples}");
        Assert.True(r.MedianAnswerMs == s.MedianAnswerMs, $"{p} median: {r.MedianAnswerMs} vs {s.MedianAnswerMs}");
        Assert.True(r.P90AnswerMs == s.P90AnswerMs, $"{p} p90: {r.P90AnswerMs} vs {s.P90AnswerMs}");
        Assert.Equal(r.OpenExpectations, s.OpenExpectations);
        Assert.Equal(r.RetainedFromMs, s.RetainedFromMs);

        FollowerScore f = x.Followers;
        FollowerScore g = y.Followers;
        Assert.Equal(f.Followers, g.Followers);
        Assert.Equal(f.EngagedFollowers, g.EngagedFollowers);
        Assert.Equal(f.SilentFollowers, g.SilentFollowers);
        Close(f.SilentRatio, g.SilentRatio, p + " silent ratio");
        Assert.Equal(f.WindowStartMs, g.WindowStartMs);
        Assert.Equal(f.WindowEndMs, g.WindowEndMs);
        Assert.Equal(f.TrackedAccounts, g.TrackedAccounts);

        KaushikScore k = x.Kaushik;
        KaushikScore l = y.Kaushik;
        Assert.Equal(k.WindowStartMs, l.WindowStartMs);
        Assert.Equal(k.WindowEndMs, l.WindowEndMs);
        Assert.Equal(k.RetainedFromMs, l.RetainedFromMs);
        Assert.Equal(k.Posts, l.Posts);
        Assert.Equal(k.Conversations, l.Conversations);
        Assert.Equal(k.Shares, l.Shares);
        Assert.Equal(k.Likes, l.Likes);
        Assert.Equal(k.Conversions, l.Conversions);
        Close(k.ConversationRate, l.ConversationRate, p + " conversation rate");
        Close(k.AmplificationRate, l.AmplificationRate, p + " amplification rate");
        Close(k.ApplauseRate, l.ApplauseRate, p + " applause rate");
        Close(k.EconomicValue, l.EconomicValue, p + " economic value");
    }

    public static void Equal(World x, World y, long asOfMs)
    {
        Assert.Equal(x.Pairs.Keys, y.Pairs.Keys);
        Assert.Equal(x.Accounts.Keys, y.Accounts.Keys);
        foreach ((string key, RelationshipState pair) in x.Pairs)
        {
            Equal(pair.Score(asOfMs, x.Model), y.Pairs[key].Score(asOfMs, y.Model));
        }

        foreach ((string id, AccountState account) in x.Accounts)
        {
            Equal(account.Score(asOfMs, x.Model), y.Accounts[id].Score(asOfMs, y.Model));
        }
    }
}
