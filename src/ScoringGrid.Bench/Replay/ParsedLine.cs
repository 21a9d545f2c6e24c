using ScoringGrid.V1;

namespace ScoringGrid.Bench.Replay;

/// <summary>What one line of a replayed file held: an interaction, nothing (blank, comment, header) or an error.</summary>
/// <param name="Interaction">The interaction, when the line held one.</param>
/// <param name="Error">Why the line is malformed, when it is.</param>
public readonly record struct ParsedLine(Interaction? Interaction, string? Error)
{
    /// <summary>A line with nothing to replay.</summary>
    public static ParsedLine Skip => default;

    /// <summary>Whether the line is to be skipped.</summary>
    public bool IsSkip => Interaction is null && Error is null;

    /// <summary>A line holding an interaction.</summary>
    /// <param name="interaction">The interaction.</param>
    public static ParsedLine Of(Interaction interaction) => new(interaction, null);

    /// <summary>A malformed line.</summary>
    /// <param name="error">What is wrong with it.</param>
    public static ParsedLine Fail(string error) => new(null, error);
}
