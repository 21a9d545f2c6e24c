namespace ScoringGrid.Cli.Connection;

/// <summary>A bad command-line value; the message names the option and what it expects.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
