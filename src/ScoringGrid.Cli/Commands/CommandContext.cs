using System.CommandLine;
using ScoringGrid.Cli.Connection;
using ScoringGrid.Cli.Output;
using ScoringGrid.Client;

namespace ScoringGrid.Cli.Commands;

/// <summary>What a command's body works with.</summary>
internal sealed record CommandContext(
    ParseResult Parse, ConnectionSettings Settings, ScoringGridClient Client, CliOutput Output, CliEnvironment Environment, CancellationToken CancellationToken);
