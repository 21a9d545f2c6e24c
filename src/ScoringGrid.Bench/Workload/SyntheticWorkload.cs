using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Workload;

/// <summary>
/// The synthetic interaction stream: ordinary accounts with Zipf-distributed activity, a few
/// brands that receive most mentions and answer some of them with a REPLY (carrying
/// <c>in_reply_to</c>) after a delay, pair-wise interactions drawn from a fixed set of
/// relationships, broadcasts (POST) and conversions with a value. Deterministic: the same
/// <see cref="WorkloadShape"/> gives the same sequence (event ids differ only by their prefix).
/// occurred_at never decreases along the sequence. Not thread-safe.
/// </summary>
public sealed class SyntheticWorkload
{
    private const double BrandPostShare = 0.3;
    private readonly WorkloadShape _shape;
    private readonly DeterministicRandom _random;
    private readonly ZipfSampler _accounts;
    private readonly ZipfSampler? _brands;
    private readonly ZipfSampler _pairRanks;
    private readonly PairTable _pairs;
    private readonly string[] _accountIds;
    private readonly string[] _brandIds;
    private readonly PriorityQueue<Interaction, (long DueMs, long Sequence)> _replies = new();
    private readonly double _meanGapMs;
    private readonly double _meanReplyDelayMs;
    private double _clockMs;
    private long _sequence;

    /// <summary>Creates the workload (drawing its relationships up front).</summary>
    /// <param name="shape">Its parameters (validated with <see cref="WorkloadShape.Problems"/>).</param>
    public SyntheticWorkload(WorkloadShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(shape));
        }

        _shape = shape;
        _random = new DeterministicRandom(shape.Seed);
        _accounts = new ZipfSampler(shape.Accounts, shape.ZipfExponent);
        _brands = shape.Brands > 0 ? new ZipfSampler(shape.Brands, shape.ZipfExponent) : null;
        _pairRanks = new ZipfSampler(shape.Pairs, shape.ZipfExponent);
        _pairs = new PairTable(shape.Pairs, _accounts, DeterministicRandom.ForStream(shape.Seed, 1));
        _accountIds = new string[shape.Accounts];
        for (var i = 0; i < _accountIds.Length; i++)
        {
            _accountIds[i] = AccountNames.Ordinary(i);
        }

        _brandIds = Enumerable.Range(0, shape.Brands).Select(AccountNames.Brand).ToArray();
        _meanGapMs = 1000.0 / shape.EventsPerSecond;
        _meanReplyDelayMs = shape.ReplyDelay.TotalMilliseconds;
    }

    /// <summary>The parameters.</summary>
    public WorkloadShape Shape => _shape;

    /// <summary>The relationships pair-wise interactions are drawn from.</summary>
    public PairTable Pairs => _pairs;

    /// <summary>Interactions generated so far.</summary>
    public long Generated => _sequence;

    /// <summary>Replies scheduled and not yet generated.</summary>
    public int PendingReplies => _replies.Count;

    /// <summary>The next interaction.</summary>
    public Interaction Next()
    {
        _clockMs += _random.NextExponential(_meanGapMs);
        var now = _shape.StartMs + (long)_clockMs;
        if (_replies.TryPeek(out _, out var due) && due.DueMs <= now)
        {
            var reply = _replies.Dequeue();
            reply.EventId = NextEventId();
            reply.OccurredAt = now;
            return reply;
        }

        var kind = KindMix.Draw(_random);
        var interaction = new Interaction { EventId = NextEventId(), Kind = kind, OccurredAt = now };
        switch (kind)
        {
            case InteractionKind.Mention:
                Mention(interaction, now);
                break;
            case InteractionKind.Post:
                interaction.Actor = _brands is not null && _random.Chance(BrandPostShare) ? Brand() : Account();
                break;
            case InteractionKind.Conversion:
                interaction.Actor = Account();
                interaction.Target = _brands is not null ? Brand() : Partner(interaction.Actor);
                interaction.Value = Math.Round(5 + _random.NextExponential(45), 2);
                break;
            default:
                AlongPair(interaction);
                if (kind == InteractionKind.Comment)
                {
                    interaction.Sentiment = Sentiment();
                }

                break;
        }

        return interaction;
    }

    /// <summary>The next <paramref name="count"/> interactions.</summary>
    /// <param name="count">How many.</param>
    public IEnumerable<Interaction> Take(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    /// <summary>An endless sequence of interactions.</summary>
    public IEnumerable<Interaction> Endless()
    {
        while (true)
        {
            yield return Next();
        }
    }

    private void Mention(Interaction mention, long now)
    {
        var toBrand = _brands is not null && _random.Chance(_shape.BrandMentionShare);
        if (toBrand)
        {
            mention.Actor = Account();
            mention.Target = Brand();
        }
        else
        {
            AlongPair(mention);
        }

        mention.Sentiment = Sentiment();
        var answerChance = toBrand ? _shape.ReplyRatio : _shape.ReplyRatio / 2;
        if (_random.Chance(answerChance))
        {
            var due = now + (long)_random.NextExponential(_meanReplyDelayMs);
            var reply = new Interaction
            {
                Actor = mention.Target,
                Target = mention.Actor,
                Kind = InteractionKind.Reply,
                InReplyTo = mention.EventId,
                Sentiment = Sentiment(),
            };
            _replies.Enqueue(reply, (due, _sequence));
        }
    }

    private void AlongPair(Interaction interaction)
    {
        var (first, second) = _pairs[(int)_pairRanks.Sample(_random)];
        var forward = _random.Next(2) == 0;
        interaction.Actor = _accountIds[forward ? first : second];
        interaction.Target = _accountIds[forward ? second : first];
    }

    private string Partner(string actor)
    {
        while (true)
        {
            var other = Account();
            if (!ReferenceEquals(other, actor))
            {
                return other;
            }
        }
    }

    private string Account() => _accountIds[_accounts.Sample(_random)];

    private string Brand() => _brandIds[_brands!.Sample(_random)];

    private double Sentiment() => Math.Round(_random.NextDouble() * 1.6 - 0.6, 2);

    private string NextEventId() => _shape.EventPrefix + (++_sequence).ToString(CultureInfo.InvariantCulture);
}
