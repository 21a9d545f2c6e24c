namespace ScoringGrid.Scoring;

/// <summary>
/// Everything a relationship knows, as one unmanaged struct with no references: the decayed sums of
/// both directions, counts per kind each way, first and last interaction, follow flags, sentiment.
/// Its two sides are called A and B; which account is which is the owner's choice
/// (<see cref="RelationshipState"/> makes A the ordinal-smaller id; the server orients it by its
/// account handles and turns it round with <see cref="Swapped"/> when it reports).
/// </summary>
/// <remarks>
/// <para>
/// About 170 bytes, no allocation ever: millions of them live in a few large arrays that the garbage
/// collector never has to trace.
/// </para>
/// <para>
/// Applying any permutation of a set of distinct events gives the same record (decayed sums up to
/// floating-point rounding). Follow flags follow the event with the latest occurred_at; at equal times
/// UNFOLLOW wins. Applying the same event twice counts it twice: deduplication is the server's job.
/// </para>
/// </remarks>
public partial struct RelationshipRecord
{
    private const byte AFollowsBFlag = 1;
    private const byte BFollowsAFlag = 2;

    private DecayedPair _decay; // First = a→b, Second = b→a
    private long _firstMs;
    private long _lastMs;
    private long _aFollowEventMs;
    private long _bFollowEventMs;
    private double _sentimentSumAToB;
    private double _sentimentSumBToA;
    private int _sentimentCountAToB;
    private int _sentimentCountBToA;
    private PairCounts _counts;
    private byte _flags;

    /// <summary>The record of a pair with no interaction yet.</summary>
    public static RelationshipRecord Empty => new()
    {
        _decay = DecayedPair.Empty,
        _firstMs = long.MaxValue,
        _lastMs = long.MinValue,
        _aFollowEventMs = long.MinValue,
        _bFollowEventMs = long.MinValue,
    };

    /// <summary>Whether no interaction was applied.</summary>
    public readonly bool IsEmpty => _lastMs == long.MinValue;

    /// <summary>Time of the earliest applied interaction, or null when none.</summary>
    public readonly long? FirstInteractionMs => IsEmpty ? null : _firstMs;

    /// <summary>Time of the latest applied interaction, or null when none.</summary>
    public readonly long? LastInteractionMs => IsEmpty ? null : _lastMs;

    /// <summary>
    /// Clock-free ranking key of the pair's strength: log2 of the forward-decayed strength
    /// (relative to <see cref="ForwardDecay.LandmarkMs"/>, in relationship half-lives); −∞ for zero.
    /// </summary>
    public readonly double StrengthKey => _decay.Key(TieStrength.Strength(_decay.First, _decay.Second));

    /// <summary>Clock-free key (log2 of the forward-decayed value) of the engagement from A to B.</summary>
    public readonly double AToBKey => _decay.Key(_decay.First);

    /// <summary>Clock-free key (log2 of the forward-decayed value) of the engagement from B to A.</summary>
    public readonly double BToAKey => _decay.Key(_decay.Second);

    /// <summary>
    /// Applies one validated, directed interaction (VIEW..UNFOLLOW) between the two sides.
    /// </summary>
    /// <param name="fromB">True when B is the actor (the interaction goes from B to A).</param>
    /// <param name="kind">The kind; must be directed.</param>
    /// <param name="occurredAtMs">When it happened.</param>
    /// <param name="sentiment">Its sentiment, if any.</param>
    /// <param name="model">Weights and relationship half-life.</param>
    public void Apply(bool fromB, InteractionKind kind, long occurredAtMs, double? sentiment, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!InteractionKinds.IsDirected(kind))
        {
            throw new ArgumentException("only directed kinds (VIEW..UNFOLLOW) apply to a relationship", nameof(kind));
        }

        long t = occurredAtMs;
        ref uint count = ref _counts[PairCounts.Slot(fromB, kind)];
        if (count != uint.MaxValue)
        {
            count++;
        }

        _decay.Add(fromB, model.Weights[kind], t, model.RelationshipHalfLifeMs);

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
            ApplyFollow(fromB, t, kind == InteractionKind.Follow);
        }

        if (sentiment is double s)
        {
            if (fromB)
            {
                _sentimentSumBToA += s;
                _sentimentCountBToA++;
            }
            else
            {
                _sentimentSumAToB += s;
                _sentimentCountAToB++;
            }
        }
    }

    /// <summary>The same relationship with its sides exchanged (A becomes B).</summary>
    public readonly RelationshipRecord Swapped()
    {
        RelationshipRecord swapped = this;
        swapped._decay.First = _decay.Second;
        swapped._decay.Second = _decay.First;
        swapped._aFollowEventMs = _bFollowEventMs;
        swapped._bFollowEventMs = _aFollowEventMs;
        swapped._sentimentSumAToB = _sentimentSumBToA;
        swapped._sentimentSumBToA = _sentimentSumAToB;
        swapped._sentimentCountAToB = _sentimentCountBToA;
        swapped._sentimentCountBToA = _sentimentCountAToB;
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            swapped._counts[PairCounts.Slot(false, (InteractionKind)k)] = _counts[PairCounts.Slot(true, (InteractionKind)k)];
            swapped._counts[PairCounts.Slot(true, (InteractionKind)k)] = _counts[PairCounts.Slot(false, (InteractionKind)k)];
        }

        swapped._flags = (byte)(((_flags & AFollowsBFlag) != 0 ? BFollowsAFlag : 0) | ((_flags & BFollowsAFlag) != 0 ? AFollowsBFlag : 0));
        return swapped;
    }

    /// <summary>The pair's scores at as-of, with every component they were computed from.</summary>
    /// <param name="a">The id of side A.</param>
    /// <param name="b">The id of side B.</param>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the record was built with (half-life, weights reported).</param>
    public readonly RelationshipScore Score(string a, string b, long asOfMs, ScoringModel model)
    {
        RelationshipFigures figures = Figures(asOfMs, model);
        return new RelationshipScore
        {
            A = a,
            B = b,
            AsOfMs = asOfMs,
            AToB = figures.AToB,
            BToA = figures.BToA,
            Reciprocity = figures.Reciprocity,
            Strength = figures.Strength,
            StrengthKey = StrengthKey,
            CountsAToB = CountsOf(fromB: false),
            CountsBToA = CountsOf(fromB: true),
            FirstInteractionMs = figures.FirstInteractionMs,
            LastInteractionMs = figures.LastInteractionMs,
            AFollowsB = figures.AFollowsB,
            BFollowsA = figures.BFollowsA,
            SentimentCountAToB = _sentimentCountAToB,
            SentimentCountBToA = _sentimentCountBToA,
            MeanSentimentAToB = _sentimentCountAToB == 0 ? null : _sentimentSumAToB / _sentimentCountAToB,
            MeanSentimentBToA = _sentimentCountBToA == 0 ? null : _sentimentSumBToA / _sentimentCountBToA,
            Weights = model.Weights,
            HalfLifeMs = figures.HalfLifeMs,
        };
    }

    /// <summary>The pair's scores at as-of as a value (no ids, no counts): the same figures <see cref="Score"/> reports.</summary>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the record was built with.</param>
    public readonly RelationshipFigures Figures(long asOfMs, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long h = model.RelationshipHalfLifeMs;
        double aToB = _decay.ValueAt(_decay.First, asOfMs, h);
        double bToA = _decay.ValueAt(_decay.Second, asOfMs, h);
        return new RelationshipFigures
        {
            AsOfMs = asOfMs,
            HalfLifeMs = h,
            AToB = aToB,
            BToA = bToA,
            Reciprocity = TieStrength.Reciprocity(aToB, bToA),
            Strength = TieStrength.Strength(aToB, bToA),
            FirstInteractionMs = FirstInteractionMs,
            LastInteractionMs = LastInteractionMs,
            AFollowsB = (_flags & AFollowsBFlag) != 0,
            BFollowsA = (_flags & BFollowsAFlag) != 0,
        };
    }

    /// <summary>Interactions of one directed kind applied in one direction (saturating at <see cref="uint.MaxValue"/>); 0 for other kinds.</summary>
    /// <param name="fromB">True for B→A, false for A→B.</param>
    /// <param name="kind">The kind.</param>
    public readonly uint CountOf(bool fromB, InteractionKind kind) =>
        InteractionKinds.IsDirected(kind) ? _counts[PairCounts.Slot(fromB, kind)] : 0;

    /// <summary>Copies the record into a plain snapshot (for checkpoints), naming the two sides.</summary>
    /// <param name="a">The id of side A.</param>
    /// <param name="b">The id of side B.</param>
    public readonly RelationshipSnapshot Save(string a, string b)
    {
        var snapshot = new RelationshipSnapshot
        {
            A = a,
            B = b,
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

    /// <summary>Rebuilds a record from a snapshot made by <see cref="Save"/> (side A is the snapshot's A).</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static RelationshipRecord Load(RelationshipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        RelationshipRecord record = Empty;
        record._decay = snapshot.Epoch is long epoch
            ? new DecayedPair { Epoch = epoch, First = snapshot.AToB, Second = snapshot.BToA }
            : DecayedPair.Empty;
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            record._counts[PairCounts.Slot(false, (InteractionKind)k)] = ToCount(snapshot.CountsAToB, k);
            record._counts[PairCounts.Slot(true, (InteractionKind)k)] = ToCount(snapshot.CountsBToA, k);
        }

        if (snapshot.LastInteractionMs is long last && snapshot.FirstInteractionMs is long first)
        {
            record._firstMs = first;
            record._lastMs = last;
        }

        record._flags = (byte)((snapshot.AFollowsB ? AFollowsBFlag : 0) | (snapshot.BFollowsA ? BFollowsAFlag : 0));
        record._aFollowEventMs = snapshot.AFollowEventMs ?? long.MinValue;
        record._bFollowEventMs = snapshot.BFollowEventMs ?? long.MinValue;
        record._sentimentSumAToB = snapshot.SentimentSumAToB;
        record._sentimentSumBToA = snapshot.SentimentSumBToA;
        record._sentimentCountAToB = snapshot.SentimentCountAToB;
        record._sentimentCountBToA = snapshot.SentimentCountBToA;
        return record;
    }

    /// <summary>Version byte of the stored form written by <see cref="Encode"/>.</summary>
    public const byte EncodingVersion = 1;

    /// <summary>
    /// The stored form: a version byte, then the fields little-endian (epoch, the two sums, first,
    /// last and follow times, sentiment sums and counts, flags) and the 22 per-kind counts as
    /// unsigned LEB128 varints (most are 0: one byte each). About 100 bytes, where the JSON of a
    /// snapshot is several hundred: relationships are stored by the million.
    /// </summary>
    public readonly byte[] Encode()
    {
        Span<byte> buffer = stackalloc byte[1 + 8 * 9 + 4 * 2 + 1 + 5 * PairCounts.Length];
        int n = 0;
        buffer[n++] = EncodingVersion;
        WriteInt64(buffer, ref n, _decay.Epoch);
        WriteInt64(buffer, ref n, BitConverter.DoubleToInt64Bits(_decay.First));
        WriteInt64(buffer, ref n, BitConverter.DoubleToInt64Bits(_decay.Second));
        WriteInt64(buffer, ref n, _firstMs);
        WriteInt64(buffer, ref n, _lastMs);
        WriteInt64(buffer, ref n, _aFollowEventMs);
        WriteInt64(buffer, ref n, _bFollowEventMs);
        WriteInt64(buffer, ref n, BitConverter.DoubleToInt64Bits(_sentimentSumAToB));
        WriteInt64(buffer, ref n, BitConverter.DoubleToInt64Bits(_sentimentSumBToA));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer[n..], _sentimentCountAToB);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer[(n + 4)..], _sentimentCountBToA);
        n += 8;
        buffer[n++] = _flags;
        for (int i = 0; i < PairCounts.Length; i++)
        {
            uint count = _counts[i];
            while (count >= 0x80)
            {
                buffer[n++] = (byte)(count | 0x80);
                count >>= 7;
            }

            buffer[n++] = (byte)count;
        }

        return buffer[..n].ToArray();
    }

    /// <summary>Reads a record from the form <see cref="Encode"/> wrote.</summary>
    /// <param name="data">The stored bytes.</param>
    /// <exception cref="InvalidDataException">The bytes are not a stored record of a known version.</exception>
    public static RelationshipRecord Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 1 + 8 * 9 + 8 + 1 + PairCounts.Length || data[0] != EncodingVersion)
        {
            throw new InvalidDataException(data.Length == 0
                ? "An empty relationship record."
                : $"A relationship record of {data.Length} bytes in format {data[0]}; this version reads format {EncodingVersion}.");
        }

        var record = default(RelationshipRecord);
        int n = 1;
        record._decay.Epoch = ReadInt64(data, ref n);
        record._decay.First = BitConverter.Int64BitsToDouble(ReadInt64(data, ref n));
        record._decay.Second = BitConverter.Int64BitsToDouble(ReadInt64(data, ref n));
        record._firstMs = ReadInt64(data, ref n);
        record._lastMs = ReadInt64(data, ref n);
        record._aFollowEventMs = ReadInt64(data, ref n);
        record._bFollowEventMs = ReadInt64(data, ref n);
        record._sentimentSumAToB = BitConverter.Int64BitsToDouble(ReadInt64(data, ref n));
        record._sentimentSumBToA = BitConverter.Int64BitsToDouble(ReadInt64(data, ref n));
        record._sentimentCountAToB = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data[n..]);
        record._sentimentCountBToA = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data[(n + 4)..]);
        n += 8;
        record._flags = data[n++];
        for (int i = 0; i < PairCounts.Length; i++)
        {
            uint count = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (n >= data.Length || shift > 28)
                {
                    throw new InvalidDataException("A relationship record ends inside its counts.");
                }

                byte b = data[n++];
                count |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            record._counts[i] = count;
        }

        if (n != data.Length)
        {
            throw new InvalidDataException($"A relationship record has {data.Length - n} bytes after its counts.");
        }

        return record;
    }

    private static void WriteInt64(Span<byte> buffer, ref int n, long value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer[n..], value);
        n += 8;
    }

    private static long ReadInt64(ReadOnlySpan<byte> data, ref int n)
    {
        long value = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(data[n..]);
        n += 8;
        return value;
    }

    private void ApplyFollow(bool fromB, long t, bool follow)
    {
        ref long at = ref fromB ? ref _bFollowEventMs : ref _aFollowEventMs;
        // Latest event time wins; at equal times UNFOLLOW wins (a commutative rule).
        if (t > at || (t == at && !follow))
        {
            at = t;
            byte flag = fromB ? BFollowsAFlag : AFollowsBFlag;
            _flags = follow ? (byte)(_flags | flag) : (byte)(_flags & ~flag);
        }
    }

    private readonly KindCounts CountsOf(bool fromB)
    {
        Span<long> counts = stackalloc long[InteractionKinds.ArrayLength];
        for (int k = 1; k <= PairCounts.PerDirection; k++)
        {
            counts[k] = _counts[PairCounts.Slot(fromB, (InteractionKind)k)];
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
