using System.CommandLine;
using ScoringGrid.Cli.Commands;

namespace ScoringGrid.Cli;

/// <summary>The <c>sgctl</c> command line: its commands and global options, and the entry point used by the program and by tests.</summary>
public static class Sgctl
{
    /// <summary>Parses and runs a command line; returns the exit status (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="environment">Where output goes and where settings come from.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = CreateRootCommand(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("sgctl: " + error.Message);
            }

            await environment.Error.WriteLineAsync("Run 'sgctl --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, cancellationToken);
    }

    /// <summary>The root command with every subcommand and the global options.</summary>
    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("sgctl: ingest interactions into a ScoringGrid server and query engagement scores.");
        globals.AddTo(root);
        root.Add(IngestCommand.Create(globals, environment));
        root.Add(AccountCommand.Create(globals, environment));
        root.Add(RelationshipCommand.Create(globals, environment));
        root.Add(TopCommand.Create(globals, environment));
        root.Add(ResponsivenessCommand.Create(globals, environment));
        root.Add(OpenCommand.Create(globals, environment));
        root.Add(HealthCommand.Create(globals, environment));
        root.Add(DemoCommand.Create(globals, environment));
        return root;
    }
}
