namespace ScoringGrid.Scoring;

/// <summary>
/// The state of one relationship: an unordered pair of accounts, both directions inside
/// (one grain per pair). <see cref="A"/> is the ordinal-smaller id.
/// </summary>
/// <remarks>
/// <para>
/// Compact by design (about 200 bytes plus the two id strings it shares with its key): per-kind counts
/// are an inline fixed buffer, the decayed sums share one epoch, and there are no collections.
/// <see cref="Apply"/> never allocates.
/// </para>
/// <para>
/// Applying the same event twice counts it twice: deduplication by event id is the server's job.
/// Applying any permutation of a set of distinct events gives the same state (decayed sums up to
/// floating-point rounding). Follow flags follow the event with the latest occurred_at; at equal
/// times UNFOLLOW wins.
/// </para>
/// <para>Serialisation: <see cref="Save"/> to a <see cref="RelationshipSnapshot"/> and <see cref="Load"/> back.</para>
/// </remarks>
public sealed class RelationshipState
{
    private const byte AFollowsBFlag = 1;
    private const byte BFollowsAFlag = 2;

    private readonly string _a;
    private readonly string _b;
    private DecayedPair _decay = DecayedPair.Empty; // First = a→b, Second = b→a
    private long _firstMs = long.MaxValue;
    private long _lastMs = long.MinValue;
    private long _aFollowEventMs = long.MinValue;
    private long _bFollowEventMs = long.MinValue;
    private double _sentimentSumAToB;
    private double _sentimentSumBToA;
    private int _sentimentCountAToB;
    private int _sentimentCountBToA;
    private PairCounts _counts;
    private byte _flags;

    /// <summary>Creates the empty state of a pair, in either order.</summary>
    /// <param name="first">One account id.</param>
    /// <param name="second">The other account id (different from <paramref name="first"/>).</param>
    public RelationshipState(string first, string second)
    {
        (_a, _b) = OrderPair(first, second);
    }

    /// <summary>The ordinal-smaller account id.</summary>
    public string A => _a;

    /// <summary>The ordinal-larger account id.</summary>
    public string B => _b;

    /// <summary>Time of the earliest applied interaction, or null when none.</summary>
    public long? FirstInteractionMs => _lastMs == long.MinValue ? null : _firstMs;

    /// <summary>Time of the latest applied interaction, or null when none.</summary>
    public long? LastInteractionMs => _lastMs == long.MinValue ? null : _lastMs;

    /// <summary>
    /// Clock-free ranking key of the pair's strength: log2 of the forward-decayed strength
    /// (relative to <see cref="ForwardDecay.LandmarkMs"/>, in relationship half-lives).
    /// For two pairs under the same half-life, comparing keys gives the order of their strengths at any as-of.
    /// <see cref="double.NegativeInfinity"/> for zero strength.
    /// </summary>
    public double StrengthKey => _decay.Key(TieStrength.Strength(_decay.First, _decay.Second));

    /// <summary>Orders two distinct, non-empty account ids ordinally: the key of their relationship.</summary>
    /// <param name="first">One account id.</param>
    /// <param name="second">The other account id.</param>
    public static (string A, string B) OrderPair(string first, string second)
    {
        ArgumentException.ThrowIfNullOrEmpty(first);
        ArgumentException.ThrowIfNullOrEmpty(second);
        int c = string.CompareOrdinal(first, second);
        if (c == 0)
        {
            throw new ArgumentException("a relationship needs two different accounts", nameof(second));
        }

        return c < 0 ? (first, second) : (second, first);
    }

    /// <summary>
    /// Clock-free ranking key (log2 of the forward-decayed value) of the engagement flowing to
    /// <paramref name="account"/> from the other side.
    /// </summary>
    /// <param name="account"><see cref="A"/> or <see cref="B"/>.</param>
    public double InboundKey(string account) => _decay.Key(IsA(account) ? _decay.Second : _decay.First);

    /// <summary>
    /// Clock-free ranking key (log2 of the forward-decayed value) of the engagement flowing from
    /// <paramref name="account"/> to the other side.
    /// </summary>
    /// <param name="account"><see cref="A"/> or <see cref="B"/>.</param>
    public double OutboundKey(string account) => _decay.Key(IsA(account) ? _decay.First : _decay.Second);

    /// <summary>The other account of the pair.</summary>
    /// <param name="account"><see cref="A"/> or <see cref="B"/>.</param>
    public string Other(string account) => IsA(account) ? _b : _a;

    /// <summary>
    /// Applies one validated interaction between the two accounts (either direction).
    /// Never allocates. Throws <see cref="ArgumentException"/> when it is not between this pair.
    /// </summary>
    /// <param name="interaction">The interaction; actor and target must be the pair.</param>
    /// <param name="model">Weights and relationship half-life.</param>
    public void Apply(in Interaction interaction, ScoringModel model)
    {
        bool bToA;
        if (string.Equals(interaction.Actor, _a, StringComparison.Ordinal) && string.Equals(interaction.Target, _b, StringComparison.Ordinal))
        {
            bToA = false;
        }
        else if (string.Equals(interaction.Actor, _b, StringComparison.Ordinal) && string.Equals(interaction.Target, _a, StringComparison.Ordinal))
        {
            bToA = true;
        }
        else
        {
            throw new ArgumentException("the interaction is not between this relationship's two accounts", nameof(interaction));
        }

        InteractionKind kind = interaction.Kind;
        if (!InteractionKinds.IsDirected(kind))
        {
            throw new ArgumentException("only directed kinds (VIEW..UNFOLLOW) apply to a relationship", nameof(interaction));
        }

        long t = interaction.OccurredAtMs;
        ref uint count = ref _counts[PairCounts.Slot(bToA, kind)];
        if (count != uint.MaxValue)
        {
            count++;
        }

        _decay.Add(bToA, model.Weights[kind], t, model.RelationshipHalfLifeMs);

        if (t < _firstMs)
        {
            _firstMs = t;
        }

        if (t > _lastMs)
        {
            _lastMs = t;
        }

        if (kind == InteractionKind.Follow || kind == InteractionKind.Unfollow)
        {
            ApplyFollow(bToA, t, kind == InteractionKind.Follow);
        }

        if (interaction.Sentiment is double sentiment)
        {
            if (bToA)
            {
                _sentimentSumBToA += sentiment;
                _sentimentCountBToA++;
            }
            else
            {
                _sentimentSumAToB += sentiment;
                _sentimentCountAToB++;
            }
        }
    }

    /// <summary>The pair's scores at as-of, with every component they were computed from.</summary>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the state was built with (half-life, weights reported).</param>
    public RelationshipScore Score(long asOfMs, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long h = model.RelationshipHalfLifeMs;
        double aToB = _decay.ValueAt(_decay.First, asOfMs, h);
        double bToA = _decay.ValueAt(_decay.Second, asOfMs, h);
        return new RelationshipScore
        {
            A = _a,
            B = _b,
            AsOfMs = asOfMs,
            AToB = aToB,
            BToA = bToA,
            Reciprocity = TieStrength.Reciprocity(aToB, bToA),
            Strength = TieStrength.Strength(aToB, bToA),
            StrengthKey = StrengthKey,
            CountsAToB = CountsOf(bToA: false),
            CountsBToA = CountsOf(bToA: true),
            FirstInteractionMs = FirstInteractionMs,
            LastInteractionMs = LastInteractionMs,
            AFollowsB = (_flags & AFollowsBFlag) != 0,
            BFollowsA = (_flags & BFollowsAFlag) != 0,
            SentimentCountAToB = _sentimentCountAToB,
            SentimentCountBToA = _sentimentCountBToA,
            MeanSentimentAToB = _sentimentCountAToB == 0 ? null : _sentimentSumAToB / _sentimentCountAToB,
            MeanSentimentBToA = _sentimentCountBToA == 0 ? null : _sentimentSumBToA / _sentimentCountBToA,
            Weights = model.Weights,
            HalfLifeMs = h,
        };
    }

    /// <summary>Copies the state into a plain snapshot (for checkpoints).</summary>
    public RelationshipSnapshot Save()
    {
        var snapshot = new RelationshipSnapshot
        {
            A = _a,
            B = _b,
            Epoch = _decay.Epoch == DecayedPair.NoEpoch ? null : _decay.Epoch,
            AToB = _decay.First,
            BToA = _decay.Second,
            CountsAToB = new long[InteractionKinds.ArrayLength],
            CountsBToA = new long[InteractionKinds.ArrayLength],
            FirstInteractionMs = FirstInteractionMs,
            LastInteractionMs = LastInteractionMs,
            AFollowsB = (_flags & AFollowsBFlag) != 0,
            BFollowsA = (_flags & BFollowsAFlag) != 0,
            AFollowEventMs = _aFollowEventMs == long.MinValue ? null : _aFollowEventMs,
            BFollowEventMs = _bFollowEventMs == long.MinValue ? null : _bFollowEventMs,
            SentimentSumAToB = _sentimentSumAToB,
            SentimentSumBToA = _sentimentSumBToA,
            SentimentCountAToB = _sentimentCountAToB,
            SentimentCountBToA = _sentimentCountBToA,
        };
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            snapshot.CountsAToB[k] = _counts[PairCounts.Slot(false, (InteractionKind)k)];
            snapshot.CountsBToA[k] = _counts[PairCounts.Slot(true, (InteractionKind)k)];
        }

        return snapshot;
    }

    /// <summary>Rebuilds a state from a snapshot made by <see cref="Save"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static RelationshipState Load(RelationshipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new RelationshipState(snapshot.A, snapshot.B);
        if (!string.Equals(state._a, snapshot.A, StringComparison.Ordinal))
        {
            throw new ArgumentException("snapshot A must be the ordinal-smaller id", nameof(snapshot));
        }

        state._decay = snapshot.Epoch is long epoch
            ? new DecayedPair { Epoch = epoch, First = snapshot.AToB, Second = snapshot.BToA }
            : DecayedPair.Empty;
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            state._counts[PairCounts.Slot(false, (InteractionKind)k)] = ToCount(snapshot.CountsAToB, k);
            state._counts[PairCounts.Slot(true, (InteractionKind)k)] = ToCount(snapshot.CountsBToA, k);
        }

        if (snapshot.LastInteractionMs is long last && snapshot.FirstInteractionMs is long first)
        {
            state._firstMs = first;
            state._lastMs = last;
        }

        state._flags = (byte)((snapshot.AFollowsB ? AFollowsBFlag : 0) | (snapshot.BFollowsA ? BFollowsAFlag : 0));
        state._aFollowEventMs = snapshot.AFollowEventMs ?? long.MinValue;
        state._bFollowEventMs = snapshot.BFollowEventMs ?? long.MinValue;
        state._sentimentSumAToB = snapshot.SentimentSumAToB;
        state._sentimentSumBToA = snapshot.SentimentSumBToA;
        state._sentimentCountAToB = snapshot.SentimentCountAToB;
        state._sentimentCountBToA = snapshot.SentimentCountBToA;
        return state;
    }

    /// <summary>An independent copy (same as <c>Load(Save())</c>).</summary>
    public RelationshipState Clone() => Load(Save());

    private bool IsA(string account)
    {
        if (string.Equals(account, _a, StringComparison.Ordinal))
        {
            return true;
        }

        if (string.Equals(account, _b, StringComparison.Ordinal))
        {
            return false;
        }

        throw new ArgumentException("not an account of this relationship", nameof(account));
    }

    private void ApplyFollow(bool bToA, long t, bool follow)
    {
        ref long at = ref bToA ? ref _bFollowEventMs : ref _aFollowEventMs;
        // Latest event time wins; at equal times UNFOLLOW wins (a commutative rule).
        if (t > at || (t == at && !follow))
        {
            at = t;
            byte flag = bToA ? BFollowsAFlag : AFollowsBFlag;
            _flags = follow ? (byte)(_flags | flag) : (byte)(_flags & ~flag);
        }
    }

    private KindCounts CountsOf(bool bToA)
    {
        Span<long> counts = stackalloc long[InteractionKinds.ArrayLength];
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            counts[k] = _counts[PairCounts.Slot(bToA, (InteractionKind)k)];
        }

        return new KindCounts(counts);
    }

    private static uint ToCount(long[]? counts, int kind)
    {
        if (counts is null || kind >= counts.Length)
        {
            return 0;
        }

        return (uint)Math.Clamp(counts[kind], 0, uint.MaxValue);
    }
}
