namespace ScoringGrid.Scoring;

/// <summary>
/// The state of one relationship: an unordered pair of accounts, both directions inside
/// (one grain per pair). <see cref="A"/> is the ordinal-smaller id.
/// </summary>
/// <remarks>
/// <para>
/// The ids and a <see cref="RelationshipRecord"/>, which holds every number (176 bytes plus
/// the two id strings). <see cref="Apply"/> never allocates.
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
    private readonly string _a;
    private readonly string _b;
    private RelationshipRecord _record = RelationshipRecord.Empty;

    /// <summary>Creates the empty state of a pair, in either order.</summary>
    /// <param name="first">One account id.</param>
    /// <param name="second">The other account id (different from <paramref name="first"/>).</param>
    public RelationshipState(string first, string second)
    {
        (_a, _b) = OrderPair(first, second);
    }

    private RelationshipState(string a, string b, in RelationshipRecord record)
    {
        _a = a;
        _b = b;
        _record = record;
    }

    /// <summary>The ordinal-smaller account id.</summary>
    public string A => _a;

    /// <summary>The ordinal-larger account id.</summary>
    public string B => _b;

    /// <summary>The numbers, with A the ordinal-smaller id.</summary>
    public RelationshipRecord Record => _record;

    /// <summary>Time of the earliest applied interaction, or null when none.</summary>
    public long? FirstInteractionMs => _record.FirstInteractionMs;

    /// <summary>Time of the latest applied interaction, or null when none.</summary>
    public long? LastInteractionMs => _record.LastInteractionMs;

    /// <summary>
    /// Clock-free ranking key of the pair's strength: log2 of the forward-decayed strength
    /// (relative to <see cref="ForwardDecay.LandmarkMs"/>, in relationship half-lives).
    /// For two pairs under the same half-life, comparing keys gives the order of their strengths at any as-of.
    /// <see cref="double.NegativeInfinity"/> for zero strength.
    /// </summary>
    public double StrengthKey => _record.StrengthKey;

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
    public double InboundKey(string account) => IsA(account) ? _record.BToAKey : _record.AToBKey;

    /// <summary>
    /// Clock-free ranking key (log2 of the forward-decayed value) of the engagement flowing from
    /// <paramref name="account"/> to the other side.
    /// </summary>
    /// <param name="account"><see cref="A"/> or <see cref="B"/>.</param>
    public double OutboundKey(string account) => IsA(account) ? _record.AToBKey : _record.BToAKey;

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
        bool fromB;
        if (string.Equals(interaction.Actor, _a, StringComparison.Ordinal) && string.Equals(interaction.Target, _b, StringComparison.Ordinal))
        {
            fromB = false;
        }
        else if (string.Equals(interaction.Actor, _b, StringComparison.Ordinal) && string.Equals(interaction.Target, _a, StringComparison.Ordinal))
        {
            fromB = true;
        }
        else
        {
            throw new ArgumentException("the interaction is not between this relationship's two accounts", nameof(interaction));
        }

        if (!InteractionKinds.IsDirected(interaction.Kind))
        {
            throw new ArgumentException("only directed kinds (VIEW..UNFOLLOW) apply to a relationship", nameof(interaction));
        }

        _record.Apply(fromB, interaction.Kind, interaction.OccurredAtMs, interaction.Sentiment, model);
    }

    /// <summary>The pair's scores at as-of, with every component they were computed from.</summary>
    /// <param name="asOfMs">The time to evaluate at (normally now, at or after the latest event).</param>
    /// <param name="model">The model the state was built with (half-life, weights reported).</param>
    public RelationshipScore Score(long asOfMs, ScoringModel model) => _record.Score(_a, _b, asOfMs, model);

    /// <summary>Copies the state into a plain snapshot (for checkpoints).</summary>
    public RelationshipSnapshot Save() => _record.Save(_a, _b);

    /// <summary>Rebuilds a state from a snapshot made by <see cref="Save"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static RelationshipState Load(RelationshipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (a, b) = OrderPair(snapshot.A, snapshot.B);
        if (!string.Equals(a, snapshot.A, StringComparison.Ordinal))
        {
            throw new ArgumentException("snapshot A must be the ordinal-smaller id", nameof(snapshot));
        }

        return new RelationshipState(a, b, RelationshipRecord.Load(snapshot));
    }

    /// <summary>An independent copy (same as <c>Load(Save())</c>).</summary>
    public RelationshipState Clone() => new(_a, _b, _record);

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
}
