using ScoringGrid.V1;

namespace ScoringGrid.Server.Tests.Fixtures;

/// <summary>Builders of interactions for tests.</summary>
public static class Interactions
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const long T0 = 1_767_225_600_000;

    public const long Hour = 3_600_000;

    private static int _next;

    public static Interaction Make(string actor, string target, InteractionKind kind, long at, string? eventId = null) => new()
    {
        EventId = eventId ?? "e" + Interlocked.Increment(ref _next),
        Actor = actor,
        Target = target,
        Kind = kind,
        OccurredAt = at,
    };

    public static IngestRequest Batch(params Interaction[] interactions)
    {
        var request = new IngestRequest { BatchId = Guid.NewGuid().ToString("n") };
        request.Interactions.AddRange(interactions);
        return request;
    }
}
