namespace ScoringGrid.Scoring;

/// <summary>
/// The kind of an interaction. The numeric values are those of the proto contract's
/// <c>InteractionKind</c> enum and must never change.
/// </summary>
public enum InteractionKind : byte
{
    /// <summary>Not set. Never a valid kind: validation rejects it.</summary>
    Unspecified = 0,

    /// <summary>The actor saw the target's content. Counted, weight 0 by default.</summary>
    View = 1,

    /// <summary>The actor clicked the target's content or link.</summary>
    Click = 2,

    /// <summary>The actor liked the target's content.</summary>
    Like = 3,

    /// <summary>The actor started following the target.</summary>
    Follow = 4,

    /// <summary>The actor shared (amplified) the target's content.</summary>
    Share = 5,

    /// <summary>The actor @mentioned the target: opens a response expectation on the target.</summary>
    Mention = 6,

    /// <summary>The actor commented on the target's content.</summary>
    Comment = 7,

    /// <summary>The actor replied to the target: answers the target's open expectations on the actor.</summary>
    Reply = 8,

    /// <summary>A direct message: answers the target's expectations on the actor and opens one on the target.</summary>
    DirectMessage = 9,

    /// <summary>The actor converted (bought, signed up) attributed to the target; carries a value.</summary>
    Conversion = 10,

    /// <summary>The actor stopped following the target. Negative weight by default.</summary>
    Unfollow = 11,

    /// <summary>A broadcast by the actor: no target, counts toward the actor's activity only.</summary>
    Post = 12,
}
