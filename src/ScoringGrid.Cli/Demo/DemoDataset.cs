using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Demo;

/// <summary>
/// A generated, seeded brand-and-audience dataset over the last <see cref="DemoSettings.Days"/>
/// days: a brand account and its audience with Zipf-like activity (a few superfans, a long tail
/// of occasional visitors); a post schedule; likes, clicks, views, comments and shares on the
/// posts; mentions of the brand that it answers sometimes quickly, sometimes late and sometimes
/// never; direct-message conversations; follows (many of them silent) and a few unfollows; the
/// brand's own engagement with influencers and partners; conversions with a value.
/// </summary>
/// <remarks>
/// The same seed gives the same shape; timestamps are relative to <see cref="DemoSettings.Now"/>
/// and ids carry <see cref="DemoSettings.Tag"/>, so every run makes its own accounts, and a run
/// repeated with the same tag and seed is deduplicated by event id.
/// </remarks>
internal sealed class DemoDataset
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private static readonly WeightedSampler HourSampler = new(DemoNames.HourWeights);

    private readonly Random _random;
    private readonly DemoSettings _settings;
    private readonly long _start;
    private readonly long _end;
    private readonly List<Interaction> _interactions = new();
    private int _nextEvent;

    private DemoDataset(DemoSettings settings)
    {
        _settings = settings;
        _random = new Random(settings.Seed);
        _end = settings.Now.ToUnixTimeMilliseconds() - Minute;
        _start = _end - settings.Days * Day;
        Brand = "northwind-" + settings.Tag;
    }

    /// <summary>The brand's account id.</summary>
    public string Brand { get; }

    /// <summary>Every account, the brand first.</summary>
    public List<Account> Accounts { get; } = new();

    /// <summary>Every interaction, oldest first.</summary>
    public IReadOnlyList<Interaction> Interactions => _interactions;

    /// <summary>The kind of an interaction by its event id.</summary>
    public Dictionary<string, InteractionKind> KindsByEventId() => _interactions.ToDictionary(i => i.EventId, i => i.Kind);

    public static DemoDataset Generate(DemoSettings settings)
    {
        var dataset = new DemoDataset(settings);
        dataset.Build();
        return dataset;
    }

    private void Build()
    {
        var brand = new Account
        {
            AccountId = Brand,
            DisplayName = "Northwind Coffee Roasters",
            Segment = Segment.Brand,
            Topics = { "coffee", "fair-trade", "sustainability" },
        };
        Accounts.Add(brand);
        var audience = CreateAudience();
        var posts = SchedulePosts();
        var engagement = Engagement(audience, posts);
        Mentions(audience);
        Conversations(audience);
        Follows(audience, engagement);
        BrandOutreach(audience);
        Conversions(audience, engagement);
        _interactions.Sort((a, b) => a.OccurredAt != b.OccurredAt ? a.OccurredAt.CompareTo(b.OccurredAt) : string.CompareOrdinal(a.EventId, b.EventId));
    }

    /// <summary>The audience with an activity weight each: 1/rank^1.3 over a random ranking, influencers and partners ranked within the top twentieth.</summary>
    private List<Member> CreateAudience()
    {
        var names = new HashSet<string>();
        var members = new List<Member>(_settings.Audience);
        var ranks = Enumerable.Range(1, _settings.Audience).OrderBy(_ => _random.Next()).ToArray();
        for (var i = 0; i < _settings.Audience; i++)
        {
            string first, last, handle;
            var attempt = 0;
            do
            {
                first = Pick(DemoNames.First);
                last = Pick(DemoNames.Last);
                handle = $"{first}.{last}".ToLowerInvariant() + (attempt++ > 20 ? (i % 100).ToString(CultureInfo.InvariantCulture) : "");
            }
            while (!names.Add(handle));

            var segment = i switch
            {
                < 25 => Segment.Influencer,
                < 37 => Segment.Media,
                < 52 => Segment.Employee,
                < 60 => Segment.Partner,
                _ => _random.NextDouble() < 0.3 ? Segment.Prospect : Segment.Customer,
            };
            var rank = segment is Segment.Influencer or Segment.Partner ? 1 + ranks[i] % (_settings.Audience / 20) : ranks[i];
            var weight = Math.Pow(rank, -1.3);
            var account = new Account { AccountId = $"{handle}-{_settings.Tag}", DisplayName = $"{first} {last}", Segment = segment };
            account.Topics.AddRange(DemoNames.Topics.OrderBy(_ => _random.Next()).Take(_random.Next(0, 4)));
            Accounts.Add(account);
            members.Add(new Member(account.AccountId, segment, weight));
        }

        return members;
    }

    /// <summary>Two posts on weekdays (about 09:00 and 16:30 UTC), one on weekend days (about 11:00).</summary>
    private List<long> SchedulePosts()
    {
        var posts = new List<long>();
        var firstDay = _start - _start % Day;
        for (var day = firstDay; day < _end; day += Day)
        {
            var weekday = DateTimeOffset.FromUnixTimeMilliseconds(day).DayOfWeek;
            var slots = weekday is DayOfWeek.Saturday or DayOfWeek.Sunday ? new[] { 11 * Hour } : new[] { 9 * Hour, 16 * Hour + 30 * Minute };
            foreach (var slot in slots)
            {
                var at = day + slot + (long)((_random.NextDouble() - 0.5) * 40 * Minute);
                if (at > _start && at < _end)
                {
                    posts.Add(at);
                    Add(InteractionKind.Post, Brand, "", at);
                }
            }
        }

        return posts;
    }

    /// <summary>Likes, clicks, views, comments and shares on the brand's posts, each member's count Poisson around its share of the total (capped for superfans).</summary>
    private Dictionary<string, int> Engagement(List<Member> audience, List<long> posts)
    {
        var counts = new Dictionary<string, int>();
        if (posts.Count == 0)
        {
            return counts;
        }

        var total = 40.0 * _settings.Audience / 3;
        var sum = audience.Sum(m => m.Weight);
        var cap = 3.5 * posts.Count;
        foreach (var member in audience)
        {
            var events = Poisson(Math.Min(cap, total * member.Weight / sum));
            for (var e = 0; e < events; e++)
            {
                var post = posts[_random.Next(posts.Count)];
                var at = post + (long)(Exponential(4 * Hour) + _random.NextDouble() * 5 * Minute);
                if (at >= _end)
                {
                    continue;
                }

                var roll = _random.NextDouble();
                var kind = roll < 0.50 ? InteractionKind.Like
                    : roll < 0.64 ? InteractionKind.Click
                    : roll < 0.72 ? InteractionKind.View
                    : roll < 0.88 ? InteractionKind.Comment
                    : InteractionKind.Share;
                var interaction = Add(kind, member.Id, Brand, at);
                if (kind == InteractionKind.Comment)
                {
                    interaction.Sentiment = Sentiment();
                }

                if (kind is not (InteractionKind.View or InteractionKind.Click))
                {
                    counts[member.Id] = counts.GetValueOrDefault(member.Id) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Mentions of the brand, answered quickly, late, or never; influencers, media and partners are answered more often and faster.</summary>
    private void Mentions(List<Member> audience)
    {
        var mentions = _settings.Audience * 2 / 5;
        var sampler = new WeightedSampler(audience.Select(m => Math.Sqrt(m.Weight)).ToArray());
        for (var i = 0; i < mentions; i++)
        {
            var member = audience[sampler.Sample(_random)];
            var at = RandomInstant();
            var mention = Add(InteractionKind.Mention, member.Id, Brand, at);
            mention.Sentiment = Sentiment();
            var priority = member.Segment is Segment.Influencer or Segment.Media or Segment.Partner;
            var roll = _random.NextDouble();
            long? delay = roll < (priority ? 0.75 : 0.50) ? LogNormal(20 * Minute, 0.8)
                : roll < (priority ? 0.95 : 0.78) ? 6 * Hour + (long)Exponential(18 * Hour)
                : null;
            if (delay is { } wait && at + wait < _end)
            {
                var reply = Add(InteractionKind.Reply, Brand, member.Id, at + wait);
                reply.InReplyTo = mention.EventId;
            }
        }
    }

    /// <summary>Direct-message conversations started by members: the brand answers (usually fast), and the exchange goes on for a few turns.</summary>
    private void Conversations(List<Member> audience)
    {
        var conversations = _settings.Audience * 2 / 25;
        var sampler = new WeightedSampler(audience.Select(m => Math.Sqrt(m.Weight)).ToArray());
        for (var i = 0; i < conversations; i++)
        {
            var member = audience[sampler.Sample(_random)];
            var at = RandomInstant();
            Add(InteractionKind.DirectMessage, member.Id, Brand, at);
            var brandTurn = true;
            for (var turn = 0; turn < 4; turn++)
            {
                var roll = _random.NextDouble();
                long? wait = brandTurn
                    ? roll < 0.7 ? LogNormal(12 * Minute, 0.9) : roll < 0.9 ? 2 * Hour + (long)(_random.NextDouble() * 28 * Hour) : null
                    : roll < 0.6 ? LogNormal(30 * Minute, 1.0) : null;
                if (wait is not { } delay || at + delay >= _end)
                {
                    break;
                }

                at += delay;
                Add(InteractionKind.DirectMessage, brandTurn ? Brand : member.Id, brandTurn ? member.Id : Brand, at);
                brandTurn = !brandTurn;
            }
        }
    }

    /// <summary>Follows of the brand (engaged members follow more often; a third of the rest follow and stay silent), a few unfollows, and the brand following its VIPs.</summary>
    private void Follows(List<Member> audience, Dictionary<string, int> engagement)
    {
        foreach (var member in audience)
        {
            var engaged = engagement.GetValueOrDefault(member.Id);
            var chance = engaged == 0 ? 0.33 : Math.Min(0.95, 0.55 + 0.05 * engaged);
            if (_random.NextDouble() >= chance)
            {
                continue;
            }

            var at = RandomInstant();
            Add(InteractionKind.Follow, member.Id, Brand, at);
            if (_random.NextDouble() < 0.03)
            {
                var later = at + (long)(_random.NextDouble() * (_end - at));
                if (later > at)
                {
                    Add(InteractionKind.Unfollow, member.Id, Brand, later);
                }
            }

            if (member.Segment is Segment.Influencer or Segment.Partner or Segment.Employee or Segment.Media)
            {
                Add(InteractionKind.Follow, Brand, member.Id, RandomInstant());
            }
        }
    }

    /// <summary>The brand's own engagement with influencers, partners and employees: likes, comments, shares, and the odd mention.</summary>
    private void BrandOutreach(List<Member> audience)
    {
        foreach (var member in audience.Where(m => m.Segment is Segment.Influencer or Segment.Partner or Segment.Employee))
        {
            var likes = member.Segment == Segment.Employee ? _random.Next(1, 4) : _random.Next(3, 11);
            for (var i = 0; i < likes; i++)
            {
                Add(InteractionKind.Like, Brand, member.Id, RandomInstant());
            }

            if (member.Segment == Segment.Employee)
            {
                continue;
            }

            for (var i = _random.Next(1, 5); i > 0; i--)
            {
                Add(InteractionKind.Comment, Brand, member.Id, RandomInstant()).Sentiment = 0.8;
            }

            for (var i = _random.Next(0, 4); i > 0; i--)
            {
                Add(InteractionKind.Share, Brand, member.Id, RandomInstant());
            }

            if (_random.NextDouble() < 0.3)
            {
                var at = RandomInstant();
                Add(InteractionKind.Mention, Brand, member.Id, at);
                if (at + 3 * Hour < _end)
                {
                    Add(InteractionKind.Reply, member.Id, Brand, at + LogNormal(45 * Minute, 0.7));
                }
            }
        }
    }

    /// <summary>Conversions with a value (log-normal around 35), mostly by engaged members.</summary>
    private void Conversions(List<Member> audience, Dictionary<string, int> engagement)
    {
        var conversions = Math.Max(1, _settings.Audience * 3 / 200);
        var sampler = new WeightedSampler(audience.Select(m => m.Weight * (1 + engagement.GetValueOrDefault(m.Id))).ToArray());
        for (var i = 0; i < conversions; i++)
        {
            var member = audience[sampler.Sample(_random)];
            var value = Math.Round(Math.Clamp(LogNormal(3500, 0.7) / 100.0, 5, 500), 2);
            Add(InteractionKind.Conversion, member.Id, Brand, RandomInstant()).Value = value;
        }
    }

    private Interaction Add(InteractionKind kind, string actor, string target, long at)
    {
        var interaction = new Interaction
        {
            EventId = $"demo-{_settings.Tag}-{++_nextEvent:D6}",
            Actor = actor,
            Target = target,
            Kind = kind,
            OccurredAt = Math.Min(at, _end),
        };
        _interactions.Add(interaction);
        return interaction;
    }

    /// <summary>An instant in the window, by the hour-of-day profile.</summary>
    private long RandomInstant()
    {
        while (true)
        {
            var day = _start - _start % Day + _random.Next(_settings.Days + 1) * Day;
            var hour = HourSampler.Sample(_random);
            var at = day + hour * Hour + (long)(_random.NextDouble() * Hour);
            if (at > _start && at < _end)
            {
                return at;
            }
        }
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private long LogNormal(double median, double sigma) => (long)(median * Math.Exp(sigma * Gaussian()));

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Mostly positive, sometimes negative, in [-1, 1].</summary>
    private double Sentiment() => Math.Round(Math.Clamp(0.35 + 0.4 * Gaussian(), -1, 1), 2);

    private int Poisson(double mean)
    {
        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian()));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = _random.NextDouble(); product > limit; product *= _random.NextDouble())
        {
            count++;
        }

        return count;
    }

    private sealed record Member(string Id, Segment Segment, double Weight);
}
