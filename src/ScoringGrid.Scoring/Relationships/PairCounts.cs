using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>
/// Per-kind counts of a relationship, both directions, stored inline in the owning object (no array
/// allocation): kinds VIEW..UNFOLLOW (11) for a→b at [kind − 1] and for b→a at [11 + kind − 1].
/// POST never touches a relationship and has no slot.
/// </summary>
[InlineArray(Length)]
internal struct PairCounts
{
    public const int PerDirection = 11;
    public const int Length = 2 * PerDirection;

    private uint _element0;

    public static int Slot(bool bToA, InteractionKind kind) => (bToA ? PerDirection : 0) + (int)kind - 1;
}
