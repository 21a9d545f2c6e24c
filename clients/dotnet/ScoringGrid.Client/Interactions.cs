using ScoringGrid.V1;

namespace ScoringGrid.Client;

/// <summary>
/// Builders of interactions. Each gets a new random <c>event_id</c> unless one is given; keep
/// the built interaction (or pass your own stable id) to resend it safely, since ingestion is
/// idempotent by <c>event_id</c>.
/// </summary>
public static class Interactions
{
    /// <summary>An interaction of any kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="actor">Who acted.</param>
    /// <param name="target">Who was acted upon; empty for (and only for) <see cref="InteractionKind.Post"/>.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="eventId">The idempotency key; null for a new random one.</param>
    public static Interaction Create(InteractionKind kind, string actor, string target, DateTimeOffset occurredAt, string? eventId = null) => new()
    {
        EventId = eventId ?? NewEventId(),
        Actor = actor ?? throw new ArgumentNullException(nameof(actor)),
        Target = target ?? string.Empty,
        Kind = kind,
        OccurredAt = occurredAt.ToUnixTimeMilliseconds(),
    };

    /// <summary><paramref name="actor"/> saw content of <paramref name="target"/> (counted, not scored).</summary>
    public static Interaction View(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.View, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> clicked content of <paramref name="target"/>.</summary>
    public static Interaction Click(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Click, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> liked content of <paramref name="target"/>.</summary>
    public static Interaction Like(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Like, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> started following <paramref name="target"/>.</summary>
    public static Interaction Follow(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Follow, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> stopped following <paramref name="target"/>.</summary>
    public static Interaction Unfollow(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Unfollow, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> shared (amplified) content of <paramref name="target"/>.</summary>
    public static Interaction Share(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Share, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> mentioned <paramref name="target"/>: <paramref name="target"/> now owes an answer.</summary>
    public static Interaction Mention(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Mention, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> commented on content of <paramref name="target"/>.</summary>
    public static Interaction Comment(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Comment, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> replied to <paramref name="target"/>, answering what <paramref name="target"/> was waiting for.</summary>
    /// <param name="actor">Who replied.</param>
    /// <param name="target">Who is answered.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="inReplyTo">The event id answered, when known.</param>
    /// <param name="eventId">The idempotency key; null for a new random one.</param>
    public static Interaction Reply(string actor, string target, DateTimeOffset occurredAt, string? inReplyTo = null, string? eventId = null)
    {
        var reply = Create(InteractionKind.Reply, actor, target, occurredAt, eventId);
        reply.InReplyTo = inReplyTo ?? string.Empty;
        return reply;
    }

    /// <summary><paramref name="actor"/> sent <paramref name="target"/> a direct message: answers what <paramref name="target"/> was waiting for and opens an expectation on <paramref name="target"/>.</summary>
    public static Interaction DirectMessage(string actor, string target, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.DirectMessage, actor, target, occurredAt, eventId);

    /// <summary><paramref name="actor"/> converted (bought, signed up) thanks to <paramref name="target"/>, for <paramref name="value"/> (finite, &gt; 0).</summary>
    public static Interaction Conversion(string actor, string target, double value, DateTimeOffset occurredAt, string? eventId = null)
    {
        var conversion = Create(InteractionKind.Conversion, actor, target, occurredAt, eventId);
        conversion.Value = value;
        return conversion;
    }

    /// <summary><paramref name="actor"/> broadcast a post (no target).</summary>
    public static Interaction Post(string actor, DateTimeOffset occurredAt, string? eventId = null) =>
        Create(InteractionKind.Post, actor, string.Empty, occurredAt, eventId);

    /// <summary>Sets the sentiment, in [-1, 1], and returns the same interaction.</summary>
    public static Interaction WithSentiment(this Interaction interaction, double sentiment)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        interaction.Sentiment = sentiment;
        return interaction;
    }

    /// <summary>A new random event id (32 hex digits).</summary>
    public static string NewEventId() => Guid.NewGuid().ToString("n");

    /// <summary>A batch of interactions with a new batch id.</summary>
    public static IngestRequest Batch(IEnumerable<Interaction> interactions, string? batchId = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var request = new IngestRequest { BatchId = batchId ?? Guid.NewGuid().ToString("n") };
        request.Interactions.AddRange(interactions);
        return request;
    }
}
