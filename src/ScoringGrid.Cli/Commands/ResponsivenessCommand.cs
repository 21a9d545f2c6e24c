using System.CommandLine;
using ScoringGrid.Cli.Output.Views;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl responsiveness &lt;id&gt;</c>: how an account answers mentions and direct messages.</summary>
internal static class ResponsivenessCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The account's id" };
        var command = new Command("responsiveness", "Show how an account answers mentions and direct messages: response rate, median and p90 answer time") { id };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var response = await context.Client.GetResponsivenessAsync(context.Parse.GetValue(id)!, context.Settings.AsOf, cancellationToken: context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(response);
            }
            else
            {
                ResponsivenessView.Render(context.Output.Console, response);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
