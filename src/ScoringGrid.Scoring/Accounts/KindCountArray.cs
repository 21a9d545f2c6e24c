using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring;

/// <summary>One count per <see cref="InteractionKind"/> (index = kind), inline in its owner: no array object.</summary>
[InlineArray(InteractionKinds.ArrayLength)]
internal struct KindCountArray
{
    private long _element0;
}
