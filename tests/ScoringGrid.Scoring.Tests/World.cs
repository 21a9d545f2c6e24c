namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// Routes interactions the way the server will: to the actor's account, and (except POST) to the
/// target's account and to the pair's relationship.
/// </summary>
internal sealed class World
{
    public World(ScoringModel model) => Model = model;

    public ScoringModel Model { get; }

    public SortedDictionary<string, AccountState> Accounts { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, RelationshipState> Pairs { get; } = new(StringComparer.Ordinal);

    public AccountState Account(string id)
    {
        if (!Accounts.TryGetValue(id, out AccountState? state))
        {
            state = new AccountState(id);
            Accounts.Add(id, state);
        }

        return state;
    }

    public RelationshipState Pair(string x, string y)
    {
        (string a, string b) = RelationshipState.OrderPair(x, y);
        string key = a + "\u0001" + b;
        if (!Pairs.TryGetValue(key, out RelationshipState? state))
        {
            state = new RelationshipState(a, b);
            Pairs.Add(key, state);
        }

        return state;
    }

    public void Apply(in Interaction interaction)
    {
        Assert.Equal(ApplyResult.Applied, Account(interaction.Actor).ApplyAsActor(interaction, Model));
        if (interaction.Kind != InteractionKind.Post)
        {
            Assert.Equal(ApplyResult.Applied, Account(interaction.Target).ApplyAsTarget(interaction, Model));
            Pair(interaction.Actor, interaction.Target).Apply(interaction, Model);
        }
    }

    public void ApplyAll(IEnumerable<Interaction> interactions)
    {
        foreach (Interaction interaction in interactions)
        {
            Apply(interaction);
        }
    }
}
