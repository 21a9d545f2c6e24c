using System.CommandLine;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Output.Views;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl top &lt;id&gt; [--direction] [--limit] [--min-tier]</c>: an account's top relationships.</summary>
internal static class TopCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The account's id" };
        var direction = new Option<string>("--direction") { Description = "Rank by strength (both), engagement received (inbound) or given (outbound)", DefaultValueFactory = _ => "both" };
        var limit = new Option<int>("--limit") { Description = "How many (at most the server's tracked capacity, default 150)", DefaultValueFactory = _ => 15 };
        var minTier = new Option<string?>("--min-tier") { Description = "Leave out relationships below this tier: inner-circle, close, active, network, acquaintance, dormant" };
        var command = new Command("top", "Show an account's top relationships with their tiers") { id, direction, limit, minTier };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var count = context.Parse.GetValue(limit);
            if (count < 1)
            {
                throw new CliUsageException($"--limit: {count} is not a positive number");
            }

            var tier = context.Parse.GetValue(minTier) is { } name ? ValueParsers.ParseTier(name) : Tier.Unspecified;
            var top = await context.Client.GetTopRelationshipsAsync(
                context.Parse.GetValue(id)!, ValueParsers.ParseDirection(context.Parse.GetValue(direction)!), (uint)count, tier, context.Settings.AsOf,
                cancellationToken: context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(top);
            }
            else
            {
                TopRelationshipsView.Render(context.Output.Console, top);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
