using System.CommandLine;
using ScoringGrid.Cli.Output.Views;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl relationship &lt;a&gt; &lt;b&gt;</c>: the relationship between two accounts.</summary>
internal static class RelationshipCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var a = new Argument<string>("a") { Description = "One account" };
        var b = new Argument<string>("b") { Description = "The other account" };
        var command = new Command("relationship", "Show the relationship between two accounts: engagement each way, reciprocity, strength, tiers") { a, b };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var relationship = await context.Client.GetRelationshipAsync(
                context.Parse.GetValue(a)!, context.Parse.GetValue(b)!, context.Settings.AsOf, cancellationToken: context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(relationship);
            }
            else
            {
                RelationshipView.Render(context.Output.Console, relationship);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
