using System.CommandLine;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Output.Views;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl open &lt;id&gt; [--limit]</c>: who is still waiting for an answer from an account.</summary>
internal static class OpenCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The account's id" };
        var limit = new Option<int>("--limit") { Description = "How many, oldest first (at most 1000)", DefaultValueFactory = _ => 20 };
        var command = new Command("open", "List the open expectations of an account: who is still waiting for an answer, oldest first") { id, limit };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var count = context.Parse.GetValue(limit);
            if (count < 1)
            {
                throw new CliUsageException($"--limit: {count} is not a positive number");
            }

            var response = await context.Client.ListOpenExpectationsAsync(
                context.Parse.GetValue(id)!, (uint)count, context.Settings.AsOf, cancellationToken: context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(response);
            }
            else
            {
                OpenExpectationsView.Render(context.Output.Console, response);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
