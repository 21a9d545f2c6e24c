using System.CommandLine;
using System.Security.Cryptography;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Demo;
using Spectre.Console;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl demo</c>: loads a generated brand-and-audience dataset into the server and prints the brand's scorecard.</summary>
internal static class DemoCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generated dataset", DefaultValueFactory = _ => 42 };
        var audience = new Option<int>("--audience") { Description = "Audience accounts (100..100000)", DefaultValueFactory = _ => 3000 };
        var tag = new Option<string?>("--tag") { Description = "Suffix of every account and event id (default: new for each run; reuse one to re-run idempotently)" };
        var command = new Command("demo", "Load a generated brand-and-audience dataset (last 30 days) into the server and print the brand's scorecard") { seed, audience, tag };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var size = context.Parse.GetValue(audience);
            if (size is < 100 or > 100_000)
            {
                throw new CliUsageException($"--audience: {size} is not between 100 and 100000");
            }

            var runTag = context.Parse.GetValue(tag) is { Length: > 0 } given
                ? given
                : Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant();
            if (!runTag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || runTag.Length > 32)
            {
                throw new CliUsageException($"--tag: '{runTag}' must be 1..32 letters, digits, '-' or '_'");
            }

            var settings = new DemoSettings(context.Parse.GetValue(seed), size, 30, runTag, context.Environment.Now());
            var dataset = DemoDataset.Generate(settings);
            DemoLoad load;
            if (context.Output.ShowProgress)
            {
                DemoLoad? loaded = null;
                await context.Output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async progress => loaded = await DemoLoader.LoadAsync(context.Client, dataset, progress, context.CancellationToken));
                load = loaded!;
            }
            else
            {
                load = await DemoLoader.LoadAsync(context.Client, dataset, null, context.CancellationToken);
            }

            var card = await Scorecard.BuildAsync(context.Client, dataset.Brand, context.Settings.AsOf, dataset.KindsByEventId(), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(ScorecardJson.Create(card, load, settings));
            }
            else
            {
                ScorecardView.Render(context.Output.Console, card, load);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
