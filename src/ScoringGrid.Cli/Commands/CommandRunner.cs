using System.CommandLine;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Output;
using ScoringGrid.Rpc;

namespace ScoringGrid.Cli.Commands;

/// <summary>Runs a command's body with its resolved settings and client, turning failures into messages and exit statuses.</summary>
internal static class CommandRunner
{
    public static void SetBody(Command command, GlobalOptions globals, CliEnvironment environment, Func<CommandContext, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            ConnectionSettings settings;
            try
            {
                settings = globals.Resolve(parse, environment);
            }
            catch (CliUsageException ex)
            {
                environment.Error.WriteLine("sgctl: " + ex.Message);
                return ExitCodes.Usage;
            }

            var output = new CliOutput(environment, settings.Json);
            try
            {
                await using var client = settings.CreateClient();
                return await body(new CommandContext(parse, settings, client, output, environment, cancellationToken));
            }
            catch (CliUsageException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }
            catch (RpcException ex)
            {
                var (message, code) = RpcErrors.Describe(ex, settings);
                output.Error(message);
                return code;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Error(ex.Message);
                return ExitCodes.Failure;
            }
        });
    }
}
