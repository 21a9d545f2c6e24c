using Google.Protobuf;
using ScoringGrid.V1;

namespace ScoringGrid.Bench.Replay;

/// <summary>Writes interactions as JSON lines (proto3 JSON, one <c>scoringgrid.v1.Interaction</c> per line), the format <see cref="JsonLinesParser"/> and <c>sgctl ingest</c> read.</summary>
public static class WorkloadWriter
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Writes interactions to a text writer.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="interactions">What to write.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>Lines written.</returns>
    public static async Task<long> WriteAsync(TextWriter writer, IEnumerable<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(interactions);
        long lines = 0;
        foreach (var interaction in interactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Formatter.Format(interaction)).ConfigureAwait(false);
            lines++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return lines;
    }

    /// <summary>Writes interactions to a file (replacing it).</summary>
    /// <param name="path">The file.</param>
    /// <param name="interactions">What to write.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>Lines written.</returns>
    public static async Task<long> WriteFileAsync(string path, IEnumerable<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16);
        return await WriteAsync(writer, interactions, cancellationToken).ConfigureAwait(false);
    }
}
