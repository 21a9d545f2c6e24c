using Google.Protobuf;
using ScoringGrid.Bench.Workload;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Tests;

/// <summary>The synthetic workload: reproducible from its seed, and shaped as described (skewed activity, brands, replies after mentions).</summary>
public sealed class SyntheticWorkloadTests
{
    private static readonly WorkloadShape Shape = new()
    {
        Accounts = 2_000,
        Brands = 4,
        Pairs = 5_000,
        Seed = 21,
        EventPrefix = "w-",
        ReplyDelay = TimeSpan.FromSeconds(2),
    };

    private static List<Interaction> Generate(WorkloadShape shape, int count) => new SyntheticWorkload(shape).Take(count).ToList();

    [Fact(Timeout = 20_000)]
    public async Task The_same_seed_gives_the_same_interactions()
    {
        await Task.Yield();
        var first = Generate(Shape, 20_000);
        var second = Generate(Shape, 20_000);
        Assert.Equal(first, second);

        var otherPrefix = Generate(Shape with { EventPrefix = "other-" }, 20_000);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal("other-" + first[i].EventId["w-".Length..], otherPrefix[i].EventId);
            Assert.Equal(first[i].Actor, otherPrefix[i].Actor);
            Assert.Equal(first[i].Kind, otherPrefix[i].Kind);
            Assert.Equal(first[i].OccurredAt, otherPrefix[i].OccurredAt);
        }

        var otherSeed = Generate(Shape with { Seed = 22 }, 20_000);
        Assert.NotEqual(first.Select(i => i.Actor + i.Target), otherSeed.Select(i => i.Actor + i.Target));
    }

    [Fact(Timeout = 20_000)]
    public async Task Every_interaction_is_valid_and_event_ids_are_prefix_and_sequence()
    {
        await Task.Yield();
        var interactions = Generate(Shape, 30_000);
        long previous = 0;
        for (var i = 0; i < interactions.Count; i++)
        {
            var interaction = interactions[i];
            Assert.Equal("w-" + (i + 1), interaction.EventId);
            Assert.NotEqual(InteractionKind.Unspecified, interaction.Kind);
            Assert.NotEmpty(interaction.Actor);
            Assert.True(interaction.OccurredAt >= previous, $"occurred_at goes back at {interaction.EventId}");
            Assert.True(interaction.OccurredAt >= WorkloadShape.DefaultStartMs);
            previous = interaction.OccurredAt;
            if (interaction.Kind == InteractionKind.Post)
            {
                Assert.Empty(interaction.Target);
            }
            else
            {
                Assert.NotEmpty(interaction.Target);
                Assert.NotEqual(interaction.Actor, interaction.Target);
            }

            if (interaction.Kind == InteractionKind.Conversion)
            {
                Assert.True(interaction.HasValue && interaction.Value > 0, $"{interaction.EventId} has no positive value");
                Assert.True(AccountNames.IsBrand(interaction.Target));
            }

            if (interaction.HasSentiment)
            {
                Assert.InRange(interaction.Sentiment, -1.0, 1.0);
            }
        }

        var kinds = interactions.Select(i => i.Kind).ToHashSet();
        foreach (var kind in new[]
                 {
                     InteractionKind.View, InteractionKind.Like, InteractionKind.Comment, InteractionKind.Share, InteractionKind.Follow,
                     InteractionKind.DirectMessage, InteractionKind.Post, InteractionKind.Conversion, InteractionKind.Mention, InteractionKind.Reply,
                 })
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task Brands_receive_most_mentions()
    {
        await Task.Yield();
        var mentions = Generate(Shape, 50_000).Where(i => i.Kind == InteractionKind.Mention).ToList();
        var toBrands = mentions.Count(m => AccountNames.IsBrand(m.Target));
        Assert.True(mentions.Count > 1_000, $"only {mentions.Count} mentions");
        Assert.InRange(toBrands / (double)mentions.Count, 0.75, 0.85);

        // Per account, a brand gets far more mentions than the busiest ordinary account.
        var byTarget = mentions.GroupBy(m => m.Target).ToDictionary(g => g.Key, g => g.Count());
        var busiestOrdinary = byTarget.Where(p => !AccountNames.IsBrand(p.Key)).Max(p => p.Value);
        Assert.True(byTarget[AccountNames.Brand(0)] > 5 * busiestOrdinary, $"brand0 {byTarget[AccountNames.Brand(0)]}, busiest ordinary {busiestOrdinary}");
    }

    [Fact(Timeout = 20_000)]
    public async Task Replies_follow_mentions_and_carry_in_reply_to()
    {
        await Task.Yield();
        var interactions = Generate(Shape, 50_000);
        var byId = interactions.Select((interaction, index) => (interaction, index)).ToDictionary(p => p.interaction.EventId);
        var replies = interactions.Where(i => i.Kind == InteractionKind.Reply).ToList();
        Assert.True(replies.Count > 500, $"only {replies.Count} replies");
        foreach (var reply in replies)
        {
            Assert.True(byId.TryGetValue(reply.InReplyTo, out var mention), $"{reply.EventId} answers unknown {reply.InReplyTo}");
            Assert.Equal(InteractionKind.Mention, mention.interaction.Kind);
            Assert.Equal(mention.interaction.Target, reply.Actor);
            Assert.Equal(mention.interaction.Actor, reply.Target);
            Assert.True(mention.index < byId[reply.EventId].index, $"{reply.EventId} comes before the mention it answers");
            Assert.True(reply.OccurredAt >= mention.interaction.OccurredAt);
        }

        // Brands answer most of the replies, and a good share of their mentions.
        var brandReplies = replies.Count(r => AccountNames.IsBrand(r.Actor));
        Assert.True(brandReplies > replies.Count / 2, $"{brandReplies} of {replies.Count} replies by brands");
        var brandMentions = interactions.Count(i => i.Kind == InteractionKind.Mention && AccountNames.IsBrand(i.Target));
        Assert.InRange(brandReplies / (double)brandMentions, 0.4, 0.65);
    }

    [Fact(Timeout = 20_000)]
    public async Task Activity_is_skewed_towards_the_low_ranks_and_pairs_come_from_the_pair_table()
    {
        await Task.Yield();
        var workload = new SyntheticWorkload(Shape);
        var interactions = workload.Take(50_000).ToList();
        var actors = interactions.Where(i => !AccountNames.IsBrand(i.Actor)).GroupBy(i => i.Actor).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(actors.MaxBy(p => p.Value).Key, AccountNames.Ordinary(0));
        var top10 = Enumerable.Range(0, 10).Sum(r => actors.GetValueOrDefault(AccountNames.Ordinary(r)));
        Assert.True(top10 > actors.Values.Sum() / 5, $"the 10 busiest of 2,000 accounts act only {top10} times");

        var table = new HashSet<(string, string)>();
        for (var i = 0; i < workload.Pairs.Count; i++)
        {
            var (a, b) = workload.Pairs[i];
            Assert.True(table.Add((AccountNames.Ordinary(a), AccountNames.Ordinary(b))), $"pair {i} repeats");
        }

        Assert.Equal(Shape.Pairs, table.Count);
        var pairwise = interactions.Where(i => !string.IsNullOrEmpty(i.Target) && !AccountNames.IsBrand(i.Actor) && !AccountNames.IsBrand(i.Target));
        foreach (var interaction in pairwise)
        {
            var forward = (interaction.Actor, interaction.Target);
            var backward = (interaction.Target, interaction.Actor);
            Assert.True(table.Contains(forward) || table.Contains(backward), $"{interaction.EventId} joins {interaction.Actor} and {interaction.Target}, not a pair of the table");
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Bad_shapes_are_reported_by_option_name()
    {
        await Task.Yield();
        Assert.StartsWith("--accounts:", Assert.Single(new WorkloadShape { Accounts = 1, Pairs = 1 }.Problems()));
        Assert.StartsWith("--pairs:", Assert.Single(new WorkloadShape { Accounts = 10, Pairs = 100 }.Problems()));
        Assert.StartsWith("--zipf-s:", Assert.Single(new WorkloadShape { ZipfExponent = -1 }.Problems()));
        Assert.StartsWith("--reply-ratio:", Assert.Single(new WorkloadShape { ReplyRatio = 2 }.Problems()));
        Assert.Throws<ArgumentException>(() => new SyntheticWorkload(new WorkloadShape { Brands = -1 }));
    }

    [Fact(Timeout = 10_000)]
    public async Task Load_pairs_creates_exactly_the_distinct_relationships_asked_for()
    {
        await Task.Yield();
        var interactions = PairLoadWorkload.Interactions(4_000, 101, "p-", WorkloadShape.DefaultStartMs).ToList();
        Assert.Equal(4_000, interactions.Count);
        var pairs = interactions.Select(i => string.CompareOrdinal(i.Actor, i.Target) < 0 ? (i.Actor, i.Target) : (i.Target, i.Actor)).ToHashSet();
        Assert.Equal(4_000, pairs.Count);
        Assert.All(interactions, i => Assert.NotEqual(i.Actor, i.Target));
        Assert.Equal(interactions.Count, interactions.Select(i => i.EventId).Distinct().Count());
        Assert.Equal(101 * 50, PairLoadWorkload.MaxPairs(101));
        Assert.Equal((int)PairLoadWorkload.MaxPairs(101), PairLoadWorkload.Interactions(PairLoadWorkload.MaxPairs(101), 101, "p-", 0)
            .Select(i => string.CompareOrdinal(i.Actor, i.Target) < 0 ? (i.Actor, i.Target) : (i.Target, i.Actor)).Distinct().Count());
    }

    [Fact(Timeout = 10_000)]
    public async Task Interactions_compare_by_value_so_equal_sequences_mean_equal_workloads()
    {
        await Task.Yield();
        var a = new SyntheticWorkload(Shape).Next();
        var b = new SyntheticWorkload(Shape).Next();
        Assert.Equal(a.ToByteArray(), b.ToByteArray());
        Assert.Equal(a, b);
    }
}
