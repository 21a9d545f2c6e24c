using System.CommandLine;
using System.Text.Json.Nodes;
using ScoringGrid.Cli.Output;
using ScoringGrid.Cli.Output.Views;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl account &lt;id&gt;</c>: an account's attributes and score.</summary>
internal static class AccountCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The account's id" };
        var command = new Command("account", "Show an account's attributes and score: engagement, responsiveness, followers, per-post rates") { id };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var accountId = context.Parse.GetValue(id)!;
            var scoreTask = context.Client.GetAccountScoreAsync(accountId, context.Settings.AsOf, cancellationToken: context.CancellationToken);
            var accountTask = context.Client.GetAccountAsync(accountId, cancellationToken: context.CancellationToken);
            var score = await scoreTask;
            Account? account;
            try
            {
                account = await accountTask;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                account = null;
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(new JsonObject { ["account"] = CliOutput.ToNode(account), ["score"] = CliOutput.ToNode(score) });
            }
            else
            {
                AccountView.Render(context.Output.Console, account, score);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
