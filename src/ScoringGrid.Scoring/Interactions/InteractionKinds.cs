namespace ScoringGrid.Scoring;

/// <summary>Facts about <see cref="InteractionKind"/> values that the model relies on.</summary>
public static class InteractionKinds
{
    /// <summary>Length of an array indexed by <see cref="InteractionKind"/> (including <see cref="InteractionKind.Unspecified"/>).</summary>
    public const int ArrayLength = 13;

    /// <summary>True for the twelve defined kinds (<see cref="InteractionKind.View"/> to <see cref="InteractionKind.Post"/>).</summary>
    /// <param name="kind">The kind to test.</param>
    public static bool IsKnown(InteractionKind kind) =>
        kind >= InteractionKind.View && kind <= InteractionKind.Post;

    /// <summary>True when an inbound interaction of this kind owes the target an answer (MENTION, DIRECT_MESSAGE).</summary>
    /// <param name="kind">The kind to test.</param>
    public static bool OpensExpectation(InteractionKind kind) =>
        kind == InteractionKind.Mention || kind == InteractionKind.DirectMessage;

    /// <summary>True when an outbound interaction of this kind answers expectations (REPLY, DIRECT_MESSAGE).</summary>
    /// <param name="kind">The kind to test.</param>
    public static bool Answers(InteractionKind kind) =>
        kind == InteractionKind.Reply || kind == InteractionKind.DirectMessage;

    /// <summary>True for the talking kinds counted by the conversation ratio (REPLY, COMMENT, DIRECT_MESSAGE).</summary>
    /// <param name="kind">The kind to test.</param>
    public static bool IsConversational(InteractionKind kind) =>
        kind == InteractionKind.Reply || kind == InteractionKind.Comment || kind == InteractionKind.DirectMessage;

    /// <summary>True for every known kind except <see cref="InteractionKind.Post"/>: the kinds that have a target and touch a relationship.</summary>
    /// <param name="kind">The kind to test.</param>
    public static bool IsDirected(InteractionKind kind) =>
        kind >= InteractionKind.View && kind <= InteractionKind.Unfollow;
}
