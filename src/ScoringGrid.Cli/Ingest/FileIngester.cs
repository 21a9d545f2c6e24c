using System.Diagnostics;
using ScoringGrid.Client;
using ScoringGrid.Rpc;

namespace ScoringGrid.Cli.Ingest;

/// <summary>
/// Reads a file line by line and ingests its interactions through an <see cref="IngestBatcher"/>:
/// malformed lines are reported with their number and never stop the good ones; the server's
/// rejections are mapped back to line numbers.
/// </summary>
internal static class FileIngester
{
    public static async Task<IngestReport> RunAsync(
        ScoringGridClient client, string path, InputFormat format, int batchSize, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var report = new IngestReport { Path = path, Format = format };
        var parser = FormatDetector.CreateParser(format);
        var clock = Stopwatch.StartNew();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream);
        var length = stream.Length;
        var batcher = client.CreateBatcher(new IngestBatcherOptions { MaxBatchSize = batchSize, LingerTime = TimeSpan.FromMilliseconds(100), MaxBatchesInFlight = 4 });
        batcher.BatchCompleted += (_, batch) =>
        {
            foreach (var (_, rejection, state) in batch.Rejections)
            {
                report.Add(new LineError((long)state!, rejection.Field, rejection.Reason, RejectedByServer: true));
            }
        };
        try
        {
            long lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                report.Lines = lineNumber;
                var result = parser.Parse(lineNumber, line);
                if (result.Error is { } error)
                {
                    report.Malformed++;
                    report.Add(error);
                }
                else if (result.Interaction is { } interaction)
                {
                    await batcher.AddAsync(interaction, lineNumber, cancellationToken);
                    report.Sent++;
                }
                else
                {
                    report.Skipped++;
                }

                if ((lineNumber & 1023) == 0)
                {
                    progress?.Invoke(stream.Position, length);
                }
            }

            await batcher.CompleteAsync();
        }
        catch (RpcException ex)
        {
            report.Failure = ex;
        }
        finally
        {
            await batcher.DisposeAsync();
        }

        progress?.Invoke(length, length);
        report.Accepted = batcher.Accepted;
        report.Duplicates = batcher.Duplicates;
        report.Rejected = batcher.Rejected;
        report.Elapsed = clock.Elapsed;
        report.SortErrors();
        return report;
    }
}
