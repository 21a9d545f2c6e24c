using ScoringGrid.V1;

namespace ScoringGrid.Cli.Ingest;

/// <summary>What one line holds: an interaction, an error, or nothing (blank, comment, header).</summary>
internal readonly record struct LineResult(Interaction? Interaction, LineError? Error)
{
    public static LineResult Skip => default;

    public static LineResult Of(Interaction interaction) => new(interaction, null);

    public static LineResult Fail(long line, string field, string reason) => new(null, new LineError(line, field, reason, false));
}
