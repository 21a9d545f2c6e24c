using System.CommandLine;
using System.Text.Json.Nodes;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Ingest;
using ScoringGrid.Cli.Output;
using ScoringGrid.Client;
using Spectre.Console;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl ingest &lt;file&gt;</c>: ingests a CSV, JSON-lines or CollegeMsg file, reporting every bad line by number.</summary>
internal static class IngestCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "The file to ingest" };
        var format = new Option<string>("--format")
        {
            Description = $"auto (from the extension, else the first line), {FormatDetector.Names}",
            DefaultValueFactory = _ => "auto",
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Interactions per batch (at most the server's limit, default 10,000)", DefaultValueFactory = _ => 1000 };
        var showErrors = new Option<int>("--show-errors") { Description = "How many line errors to list in the table output (--json lists all)", DefaultValueFactory = _ => 20 };
        var command = new Command("ingest", "Ingest interactions from a file: CSV with a header row, JSON lines (proto3 JSON), or CollegeMsg \"SRC DST UNIXTS\" lines")
        {
            file, format, batchSize, showErrors,
        };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var path = context.Parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliUsageException($"file '{path}' does not exist");
            }

            var size = context.Parse.GetValue(batchSize);
            if (size is < 1 or > 10_000)
            {
                throw new CliUsageException($"--batch-size: {size} is not between 1 and 10000");
            }

            var formatName = context.Parse.GetValue(format)!;
            var inputFormat = formatName.Equals("auto", StringComparison.OrdinalIgnoreCase) ? FormatDetector.Detect(path) : FormatDetector.ParseName(formatName);
            IngestReport report;
            try
            {
                report = await RunAsync(context, path, inputFormat, size);
            }
            catch (FileFormatException ex)
            {
                throw new CliUsageException($"{path}: {ex.Message}");
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(ToJson(report));
            }
            else
            {
                Render(context.Output.Console, report, context.Parse.GetValue(showErrors));
            }

            if (report.Failure is { } failure)
            {
                var (message, code) = RpcErrors.Describe(failure, context.Settings);
                context.Output.Error($"ingest stopped after line {report.Lines}: {message}");
                return code;
            }

            return report.ErrorCount > 0 ? ExitCodes.PartialIngest : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IngestReport> RunAsync(CommandContext context, string path, InputFormat format, int batchSize)
    {
        if (!context.Output.ShowProgress)
        {
            return await FileIngester.RunAsync(context.Client, path, format, batchSize, null, context.CancellationToken);
        }

        IngestReport? report = null;
        await context.Output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape($"ingest {Path.GetFileName(path)}"), maxValue: Math.Max(1, new FileInfo(path).Length));
                report = await FileIngester.RunAsync(context.Client, path, format, batchSize, (done, _) => task.Value = done, context.CancellationToken);
            });
        return report!;
    }

    private static void Render(IAnsiConsole console, IngestReport report, int showErrors)
    {
        var rate = report.Elapsed.TotalSeconds > 0 ? report.Sent / report.Elapsed.TotalSeconds : 0;
        console.WriteTable($"Ingested {report.Path} ({FormatDetector.Name(report.Format)})", Tables.KeyValues(
        [
            ("Lines read", Format.Count(report.Lines)),
            ("Interactions sent", Format.Count(report.Sent)),
            ("Accepted", Format.Count(report.Accepted)),
            ("Duplicates (already ingested)", Format.Count(report.Duplicates)),
            ("Rejected by the server", Format.Count(report.Rejected)),
            ("Malformed lines", Format.Count(report.Malformed)),
            ("Skipped (blank, comment, header)", Format.Count(report.Skipped)),
            ("Time", $"{Format.Duration(report.Elapsed)} ({Format.Number(rate, 0)} interactions/s)"),
        ]));
        if (report.Errors.Count == 0 || showErrors <= 0)
        {
            return;
        }

        var table = Tables.Create("Line", "Field", "Reason", "").RightAlign(0);
        foreach (var error in report.Errors.Take(showErrors))
        {
            table.AddTextRow(Format.Count(error.Line), error.Field, error.Reason, error.RejectedByServer ? "rejected by server" : "malformed");
        }

        console.WriteTable(
            "Lines not ingested",
            table,
            report.ErrorCount > showErrors ? $"{Format.Count(report.ErrorCount - showErrors)} more not shown (--show-errors N, or --json for all)" : null);
    }

    private static JsonObject ToJson(IngestReport report)
    {
        var errors = new JsonArray();
        foreach (var error in report.Errors)
        {
            errors.Add(new JsonObject
            {
                ["line"] = error.Line,
                ["field"] = error.Field,
                ["reason"] = error.Reason,
                ["source"] = error.RejectedByServer ? "server" : "parse",
            });
        }

        var json = new JsonObject
        {
            ["file"] = report.Path,
            ["format"] = FormatDetector.Name(report.Format),
            ["lines"] = report.Lines,
            ["sent"] = report.Sent,
            ["accepted"] = report.Accepted,
            ["duplicates"] = report.Duplicates,
            ["rejected"] = report.Rejected,
            ["malformed"] = report.Malformed,
            ["skipped"] = report.Skipped,
            ["elapsedMs"] = (long)report.Elapsed.TotalMilliseconds,
            ["errors"] = errors,
        };
        if (report.Failure is { } failure)
        {
            json["failure"] = new JsonObject { ["code"] = StatusNames.Canonical(failure.StatusCode), ["message"] = failure.Status.Detail };
        }

        return json;
    }
}
