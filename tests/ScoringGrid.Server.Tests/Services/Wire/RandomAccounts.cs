using ScoringGrid.Scoring;
using Interaction = ScoringGrid.Scoring.Interaction;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// Accounts drawn from a seed for the reply tests: random interactions both ways with a few others
/// (counts past one varint byte, replies that answer mentions, follows, posts, conversions, unanswered
/// mentions and messages), under random weights.
/// </summary>
internal static class RandomAccounts
{
    public const long Base = 1_700_000_000_000L;

    /// <summary>An account after random interactions both ways under random weights, the model, and an instant after its last event.</summary>
    public static (AccountState State, ScoringModel Model, long AsOf) Draw(int seed)
    {
        var random = new System.Random(seed);
        var weights = KindWeights.Default;
        for (var kind = InteractionKind.View; kind <= InteractionKind.Post; kind++)
        {
            weights = weights.With(kind, random.Next(4) switch { 0 => 0, 1 => -random.Next(1, 5), _ => Math.Round(random.NextDouble() * 10, 3) });
        }

        var model = ScoringModel.Default with { Weights = weights };
        var id = "acct-" + seed;
        var state = new AccountState(id);
        var at = Base;
        var events = random.Next(0, 60);
        for (var i = 0; i < events; i++)
        {
            at += random.Next(1, 6 * 3_600_000);
            var kind = (InteractionKind)random.Next((int)InteractionKind.View, (int)InteractionKind.Post + 1);
            var other = "other-" + random.Next(6);
            var eventId = $"e{seed}-{i}";
            var repeat = random.Next(8) == 0 ? random.Next(128, 400) : 1; // counts past one varint byte
            for (var r = 0; r < repeat; r++)
            {
                var received = kind != InteractionKind.Post && random.Next(2) == 0;
                var inReplyTo = kind == InteractionKind.Reply && random.Next(2) == 0 ? $"e{seed}-{random.Next(Math.Max(i, 1))}-0" : null;
                var value = kind == InteractionKind.Conversion ? random.Next(1, 500) : 0;
                double? sentiment = random.Next(3) == 0 ? random.NextDouble() * 2 - 1 : null;
                var interaction = received
                    ? new Interaction($"{eventId}-{r}", other, id, kind, at, inReplyTo, value, sentiment)
                    : new Interaction($"{eventId}-{r}", id, kind == InteractionKind.Post ? "" : other, kind, at, inReplyTo, value, sentiment);
                if (received)
                {
                    state.ApplyAsTarget(interaction, model);
                }
                else
                {
                    state.ApplyAsActor(interaction, model);
                }
            }
        }

        var asOf = random.Next(3) == 0 ? at + random.NextInt64(0, 86_400_000) : at + random.NextInt64(0, 30L * 86_400_000);
        return (state, model, asOf);
    }
}
