namespace ScoringGrid.Scoring;

/// <summary>
/// The state of one account (one grain per account): engagement given and received, counts,
/// posts, responsiveness, followers and Kaushik's per-post rates.
/// </summary>
/// <remarks>
/// <para>
/// Every interaction is applied to its actor's state (<see cref="ApplyAsActor"/>) and, except POST, to its
/// target's state (<see cref="ApplyAsTarget"/>). Applying any permutation of a set of distinct events gives
/// the same scores (decayed sums up to floating-point rounding); the only exception is the expectation limit,
/// whose rejections depend on what is open when an event arrives. Applying the same event twice counts it
/// twice: deduplication by event id is the server's job.
/// </para>
/// <para>
/// Steady-state cost: an event that only updates counts, decayed sums, an already known follower and an
/// existing day bucket does not allocate; new followers, new days and responsiveness events store what
/// they must.
/// </para>
/// <para>Serialisation: <see cref="Save"/> to an <see cref="AccountSnapshot"/> and <see cref="Load"/> back.</para>
/// </remarks>
public sealed partial class AccountState
{
    private readonly string _id;
    private KindCountArray _counts; // given and received
    private ResponsivenessTracker? _responsiveness; // created by the first expectation or answer
    private long _responsivenessCutoffMs = long.MinValue; // the tracker's cutoff while there is no tracker
    private FollowerTracker _followers; // mutable structs, inline in the state: never copy
    private KaushikBuckets _kaushik = new();
    private DecayedPair _decay = DecayedPair.Empty; // First = given, Second = received
    private double _conversionValueGiven;
    private double _conversionValueReceived;
    private long _firstEventMs = long.MaxValue;
    private long _lastEventMs = long.MinValue;

    /// <summary>Creates the empty state of an account.</summary>
    /// <param name="accountId">The account id (non-empty).</param>
    public AccountState(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        _id = accountId;
    }

    /// <summary>The account id.</summary>
    public string AccountId => _id;

    /// <summary>Earliest applied event, or null when none.</summary>
    public long? FirstEventMs => _lastEventMs == long.MinValue ? null : _firstEventMs;

    /// <summary>Latest applied event, or null when none. Retention of responsiveness and Kaushik buckets counts back from it.</summary>
    public long? LastEventMs => _lastEventMs == long.MinValue ? null : _lastEventMs;

    /// <summary>Expectations currently open (the quantity bounded by <see cref="ScoringModel.MaxOpenExpectationsPerAccount"/>).</summary>
    public int OpenExpectationCount => _responsiveness?.OpenCount ?? 0;

    private long ResponsivenessCutoffMs => _responsiveness?.CutoffMs ?? _responsivenessCutoffMs;

    /// <summary>Current followers.</summary>
    public int FollowerCount => _followers.Followers;

    /// <summary>Clock-free key (log2 of the forward-decayed value, account half-lives) of engagement received, for leaderboards; −∞ when not positive.</summary>
    public double EngagementReceivedKey => _decay.Key(_decay.Second);

    /// <summary>Clock-free key (log2 of the forward-decayed value, account half-lives) of engagement given; −∞ when not positive.</summary>
    public double EngagementGivenKey => _decay.Key(_decay.First);

    /// <summary>
    /// Applies a validated interaction whose actor is this account: counts and engagement given, posts,
    /// CONVERSION value given, and REPLY/DIRECT_MESSAGE as answers for responsiveness. Always
    /// <see cref="ApplyResult.Applied"/>. Throws <see cref="ArgumentException"/> when the actor is another account.
    /// </summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="model">The model.</param>
    public ApplyResult ApplyAsActor(in Interaction interaction, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!string.Equals(interaction.Actor, _id, StringComparison.Ordinal))
        {
            throw new ArgumentException("this account is not the interaction's actor", nameof(interaction));
        }

        InteractionKind kind = interaction.Kind;
        if (!InteractionKinds.IsKnown(kind))
        {
            throw new ArgumentException("the interaction's kind is not a known kind", nameof(interaction));
        }

        long t = interaction.OccurredAtMs;
        Touch(t, model);
        _counts.Increment(received: false, kind);
        _decay.Add(false, model.Weights[kind], t, model.AccountHalfLifeMs);

        switch (kind)
        {
            case InteractionKind.Conversion:
                _conversionValueGiven += interaction.Value;
                break;
            case InteractionKind.Post:
                if (_kaushik.TryGet(TimeUnits.DayOf(t), out int index))
                {
                    _kaushik.At(index).Posts++;
                }

                break;
            case InteractionKind.Reply:
                Responsiveness().AddAnswer(interaction.Target, t, interaction.EventId, interaction.InReplyTo);
                break;
            case InteractionKind.DirectMessage:
                Responsiveness().AddAnswer(interaction.Target, t, interaction.EventId, null);
                break;
        }

        return ApplyResult.Applied;
    }

    /// <summary>
    /// Applies a validated interaction whose target is this account: counts and engagement received,
    /// followers, Kaushik counts, and MENTION/DIRECT_MESSAGE as expectations. Returns
    /// <see cref="ApplyResult.ExpectationLimitExceeded"/>, changing nothing, when it would open one more
    /// expectation than the model allows. Throws <see cref="ArgumentException"/> when the target is another
    /// account (a POST has no target and never applies here).
    /// </summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="model">The model.</param>
    public ApplyResult ApplyAsTarget(in Interaction interaction, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!string.Equals(interaction.Target, _id, StringComparison.Ordinal))
        {
            throw new ArgumentException("this account is not the interaction's target", nameof(interaction));
        }

        InteractionKind kind = interaction.Kind;
        if (!InteractionKinds.IsDirected(kind))
        {
            throw new ArgumentException("only directed kinds (VIEW..UNFOLLOW) have a target", nameof(interaction));
        }

        if (WouldExceedExpectationLimit(interaction, model))
        {
            return ApplyResult.ExpectationLimitExceeded;
        }

        long t = interaction.OccurredAtMs;
        string actor = interaction.Actor;
        double weight = model.Weights[kind];
        Touch(t, model);
        _counts.Increment(received: true, kind);
        _decay.Add(true, weight, t, model.AccountHalfLifeMs);

        switch (kind)
        {
            case InteractionKind.Follow:
                _followers.ApplyFollow(actor, t, follow: true);
                break;
            case InteractionKind.Unfollow:
                _followers.ApplyFollow(actor, t, follow: false);
                break;
            default:
                if (weight > 0)
                {
                    _followers.ApplyEngagement(actor, t);
                }

                break;
        }

        if ((kind is InteractionKind.Comment or InteractionKind.Reply or InteractionKind.Share
                or InteractionKind.Like or InteractionKind.Conversion)
            && _kaushik.TryGet(TimeUnits.DayOf(t), out int index))
        {
            ref KaushikBucket bucket = ref _kaushik.At(index);
            switch (kind)
            {
                case InteractionKind.Comment:
                case InteractionKind.Reply:
                    bucket.Conversations++;
                    break;
                case InteractionKind.Share:
                    bucket.Shares++;
                    break;
                case InteractionKind.Like:
                    bucket.Likes++;
                    break;
                default:
                    bucket.Conversions++;
                    bucket.Value += interaction.Value;
                    break;
            }
        }

        if (kind == InteractionKind.Conversion)
        {
            _conversionValueReceived += interaction.Value;
        }

        if (InteractionKinds.OpensExpectation(kind))
        {
            Responsiveness().AddExpectation(actor, t, interaction.EventId);
        }

        return ApplyResult.Applied;
    }

    /// <summary>
    /// Whether <see cref="ApplyAsTarget"/> would reject this interaction for the expectation limit: it is a
    /// MENTION or DIRECT_MESSAGE to this account that would stay open (no answer to its sender at or after
    /// it) while the open count, after any retention drop this event causes, is already at the limit.
    /// Lets the server refuse the event before touching any other state.
    /// </summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="model">The model.</param>
    public bool WouldExceedExpectationLimit(in Interaction interaction, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!InteractionKinds.OpensExpectation(interaction.Kind)
            || !string.Equals(interaction.Target, _id, StringComparison.Ordinal))
        {
            return false;
        }

        long t = interaction.OccurredAtMs;
        long cutoffAfter = Math.Max(ResponsivenessCutoffMs, ResponsivenessCutoff(Math.Max(_lastEventMs, t), model));
        if (_responsiveness is null)
        {
            // Nothing retained: it would open when retained, with nothing else open.
            return t >= cutoffAfter && 0 >= model.MaxOpenExpectationsPerAccount;
        }

        // Moving the cutoff only closes expectations: below the limit now is below it after, and the
        // lookups of whether this one would open are needed only near the limit.
        return _responsiveness.OpenCount >= model.MaxOpenExpectationsPerAccount
            && _responsiveness.WouldOpen(interaction.Actor, t, interaction.EventId, cutoffAfter)
            && _responsiveness.OpenAfterCutoff(cutoffAfter) >= model.MaxOpenExpectationsPerAccount;
    }

    /// <summary>The account's scores at as-of, every open expectation listed.</summary>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the state was built with.</param>
    public AccountScore Score(long asOfMs, ScoringModel model) => Score(asOfMs, model, int.MaxValue);

    /// <summary>The account's scores at as-of, with at most <paramref name="maxOpenListed"/> open expectations listed (oldest first).</summary>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the state was built with.</param>
    /// <param name="maxOpenListed">Most open expectations to list (counts always cover all).</param>
    public AccountScore Score(long asOfMs, ScoringModel model, int maxOpenListed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOpenListed);
        long h = model.AccountHalfLifeMs;
        long posts = _counts.Get(received: false, InteractionKind.Post);
        long conversational = _counts.Get(received: false, InteractionKind.Reply) + _counts.Get(received: false, InteractionKind.Comment)
            + _counts.Get(received: false, InteractionKind.DirectMessage);

        return new AccountScore
        {
            AccountId = _id,
            AsOfMs = asOfMs,
            Weights = model.Weights,
            HalfLifeMs = h,
            EngagementGiven = _decay.ValueAt(_decay.First, asOfMs, h),
            EngagementReceived = _decay.ValueAt(_decay.Second, asOfMs, h),
            GivenCounts = _counts.ToKindCounts(received: false),
            ReceivedCounts = _counts.ToKindCounts(received: true),
            Posts = posts,
            ConversationalGiven = conversational,
            ConversationRatio = (double)conversational / Math.Max(1, posts),
            ConversionValueGiven = _conversionValueGiven,
            ConversionValueReceived = _conversionValueReceived,
            FirstEventMs = FirstEventMs,
            LastEventMs = LastEventMs,
            Responsiveness = ScoreResponsiveness(asOfMs, model, maxOpenListed),
            Followers = ScoreFollowers(asOfMs, model),
            Kaushik = ScoreKaushik(asOfMs, model),
        };
    }

    /// <summary>
    /// The account's responsiveness at as-of alone (what <see cref="Score(long, ScoringModel, int)"/> puts in
    /// <see cref="AccountScore.Responsiveness"/>), without scoring followers and post rates.
    /// </summary>
    /// <param name="asOfMs">The time to evaluate at.</param>
    /// <param name="model">The model the state was built with.</param>
    /// <param name="maxOpenListed">Most open expectations to list, oldest first (counts always cover all).</param>
    public ResponsivenessScore ScoreResponsiveness(long asOfMs, ScoringModel model, int maxOpenListed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOpenListed);
        return _responsiveness?.Score(asOfMs, model.ResponseSlaMs, maxOpenListed)
            ?? ResponsivenessTracker.ScoreOfNone(model.ResponseSlaMs, _responsivenessCutoffMs);
    }

    /// <summary>Copies the state into a plain snapshot (for checkpoints): raw retained events, no derived values.</summary>
    public AccountSnapshot Save()
    {
        var snapshot = new AccountSnapshot
        {
            AccountId = _id,
            Epoch = _decay.Epoch == DecayedPair.NoEpoch ? null : _decay.Epoch,
            Given = _decay.First,
            Received = _decay.Second,
            GivenCounts = _counts.ToArray(received: false),
            ReceivedCounts = _counts.ToArray(received: true),
            ConversionValueGiven = _conversionValueGiven,
            ConversionValueReceived = _conversionValueReceived,
            FirstEventMs = FirstEventMs,
            LastEventMs = LastEventMs,
            ResponsivenessRetainedFromMs = ResponsivenessCutoffMs == long.MinValue ? null : ResponsivenessCutoffMs,
            KaushikFirstRetainedDay = _kaushik.FirstRetainedDay == long.MinValue ? null : _kaushik.FirstRetainedDay,
        };

        ResponsivenessTracker responsiveness = _responsiveness ?? NewTracker();
        foreach ((string sender, ExpectationEntry entry) in responsiveness.RetainedExpectations())
        {
            snapshot.Expectations.Add(new ExpectationSnapshot { Sender = sender, OpenedAtMs = entry.TimeMs, EventId = entry.EventId });
        }

        snapshot.Expectations.Sort(static (x, y) =>
            x.OpenedAtMs != y.OpenedAtMs ? x.OpenedAtMs.CompareTo(y.OpenedAtMs) : string.CompareOrdinal(x.EventId, y.EventId));

        foreach ((string target, AnswerEntry answer) in responsiveness.RetainedAnswers())
        {
            snapshot.Answers.Add(new AnswerSnapshot { Target = target, AnsweredAtMs = answer.TimeMs, EventId = answer.EventId, InReplyTo = answer.InReplyTo });
        }

        snapshot.Answers.Sort(static (x, y) =>
            x.AnsweredAtMs != y.AnsweredAtMs ? x.AnsweredAtMs.CompareTo(y.AnsweredAtMs) : string.CompareOrdinal(x.EventId, y.EventId));

        foreach (KeyValuePair<string, FanRecord> pair in _followers.Records)
        {
            FanRecord r = pair.Value;
            snapshot.Fans.Add(new FanSnapshot
            {
                Account = pair.Key,
                FollowEventMs = r.FollowState == FanRecord.NoFollowEvent ? null : r.FollowEventMs,
                Following = r.FollowState == FanRecord.Following,
                LastEngagedMs = r.LastEngagedMs == long.MinValue ? null : r.LastEngagedMs,
            });
        }

        snapshot.Fans.Sort(static (x, y) => string.CompareOrdinal(x.Account, y.Account));

        foreach (KaushikBucket b in _kaushik.Buckets)
        {
            snapshot.KaushikDays.Add(new KaushikDaySnapshot
            {
                Day = b.Day,
                Posts = b.Posts,
                Conversations = b.Conversations,
                Shares = b.Shares,
                Likes = b.Likes,
                Conversions = b.Conversions,
                Value = b.Value,
            });
        }

        return snapshot;
    }

    /// <summary>Rebuilds a state from a snapshot made by <see cref="Save"/> (derived values are recomputed).</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static AccountState Load(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new AccountState(snapshot.AccountId);
        state._decay = snapshot.Epoch is long epoch
            ? new DecayedPair { Epoch = epoch, First = snapshot.Given, Second = snapshot.Received }
            : DecayedPair.Empty;
        state._counts.Load(received: false, snapshot.GivenCounts);
        state._counts.Load(received: true, snapshot.ReceivedCounts);
        state._conversionValueGiven = snapshot.ConversionValueGiven;
        state._conversionValueReceived = snapshot.ConversionValueReceived;
        if (snapshot.FirstEventMs is long first && snapshot.LastEventMs is long last)
        {
            state._firstEventMs = first;
            state._lastEventMs = last;
            long latestDay = TimeUnits.DayOf(last);
            long firstDay = snapshot.KaushikFirstRetainedDay ?? latestDay;
            state._kaushik.Advance(latestDay, latestDay - firstDay + 1);
        }

        if (snapshot.ResponsivenessRetainedFromMs is long cutoff)
        {
            state._responsivenessCutoffMs = cutoff;
        }

        foreach (ExpectationSnapshot e in snapshot.Expectations)
        {
            state.Responsiveness().AddExpectation(e.Sender, e.OpenedAtMs, e.EventId);
        }

        foreach (AnswerSnapshot a in snapshot.Answers)
        {
            state.Responsiveness().AddAnswer(a.Target, a.AnsweredAtMs, a.EventId, a.InReplyTo);
        }

        foreach (FanSnapshot f in snapshot.Fans)
        {
            state._followers.Restore(f.Account, new FanRecord
            {
                FollowEventMs = f.FollowEventMs ?? long.MinValue,
                FollowState = f.FollowEventMs is null ? FanRecord.NoFollowEvent : f.Following ? FanRecord.Following : FanRecord.Unfollowed,
                LastEngagedMs = f.LastEngagedMs ?? long.MinValue,
            });
        }

        foreach (KaushikDaySnapshot d in snapshot.KaushikDays)
        {
            state._kaushik.Restore(new KaushikBucket
            {
                Day = d.Day,
                Posts = d.Posts,
                Conversations = d.Conversations,
                Shares = d.Shares,
                Likes = d.Likes,
                Conversions = d.Conversions,
                Value = d.Value,
            });
        }

        return state;
    }

    /// <summary>An independent copy (same as <c>Load(Save())</c>).</summary>
    public AccountState Clone() => Load(Save());

    /// <summary>The responsiveness tracker, created (with the cutoff so far) on first use.</summary>
    private ResponsivenessTracker Responsiveness() => _responsiveness ??= NewTracker();

    /// <summary>An empty tracker with this account's cutoff.</summary>
    private ResponsivenessTracker NewTracker()
    {
        var tracker = new ResponsivenessTracker();
        if (_responsivenessCutoffMs != long.MinValue)
        {
            tracker.RestoreCutoff(_responsivenessCutoffMs);
        }

        return tracker;
    }

    private static long ResponsivenessCutoff(long latestEventMs, ScoringModel model) =>
        TimeUnits.StartOfDay(latestEventMs) - model.ResponsivenessRetentionMs;

    private void Touch(long t, ScoringModel model)
    {
        if (t < _firstEventMs)
        {
            _firstEventMs = t;
        }

        if (t > _lastEventMs)
        {
            _lastEventMs = t;
            long cutoff = ResponsivenessCutoff(t, model);
            if (_responsiveness is not null)
            {
                _responsiveness.AdvanceCutoff(cutoff);
            }
            else if (cutoff > _responsivenessCutoffMs)
            {
                _responsivenessCutoffMs = cutoff;
            }
            _kaushik.Advance(TimeUnits.DayOf(t), model.KaushikRetentionMs / TimeUnits.Day);
        }
    }

    private FollowerScore ScoreFollowers(long asOfMs, ScoringModel model)
    {
        int followers = _followers.Followers;
        int engaged = _followers.CountEngaged(asOfMs, model.EngagedFollowerWindowMs);
        int silent = followers - engaged;
        return new FollowerScore
        {
            Followers = followers,
            EngagedFollowers = engaged,
            SilentFollowers = silent,
            SilentRatio = followers == 0 ? 0 : (double)silent / followers,
            WindowStartMs = asOfMs - model.EngagedFollowerWindowMs,
            WindowEndMs = asOfMs,
            TrackedAccounts = _followers.TrackedAccounts,
        };
    }

    private KaushikScore ScoreKaushik(long asOfMs, ScoringModel model)
    {
        long lastDay = TimeUnits.DayOf(asOfMs);
        long firstDay = lastDay - model.KaushikWindowMs / TimeUnits.Day + 1;
        KaushikBucket total = _kaushik.Sum(firstDay, lastDay);
        double perPost = Math.Max(1, total.Posts);
        long retainedDay = _kaushik.FirstRetainedDay;
        return new KaushikScore
        {
            WindowStartMs = firstDay * TimeUnits.Day,
            WindowEndMs = (lastDay + 1) * TimeUnits.Day,
            RetainedFromMs = retainedDay == long.MinValue ? null : retainedDay * TimeUnits.Day,
            Posts = total.Posts,
            Conversations = total.Conversations,
            Shares = total.Shares,
            Likes = total.Likes,
            Conversions = total.Conversions,
            ConversationRate = total.Conversations / perPost,
            AmplificationRate = total.Shares / perPost,
            ApplauseRate = total.Likes / perPost,
            EconomicValue = total.Value,
        };
    }
}
