using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Spectre.Console;

namespace ScoringGrid.Cli.Output;

/// <summary>Where a command writes: tables for people (Spectre.Console), JSON for scripts, messages to standard error.</summary>
internal sealed class CliOutput
{
    private static readonly JsonFormatter ProtoFormatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly CliEnvironment _environment;

    public CliOutput(CliEnvironment environment, bool json)
    {
        _environment = environment;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = environment.IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Out),
        });
        Console.Profile.Width = environment.Width;
    }

    /// <summary>Whether the command writes JSON instead of tables.</summary>
    public bool Json { get; }

    /// <summary>The console for tables and progress.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether a progress bar can be drawn (a terminal, and not JSON output).</summary>
    public bool ShowProgress => _environment.IsInteractive && !Json;

    /// <summary>Writes a message as proto3 JSON (default values included, int64 as strings, enums by name).</summary>
    public void WriteJson(IMessage message) => _environment.Out.WriteLine(ProtoFormatter.Format(message));

    /// <summary>Writes a JSON document.</summary>
    public void WriteJson(JsonNode node) => _environment.Out.WriteLine(node.ToJsonString(Indented));

    /// <summary>A message as a JSON node, for composing documents.</summary>
    public static JsonNode? ToNode(IMessage? message) => message is null ? null : JsonNode.Parse(ProtoFormatter.Format(message));

    /// <summary>Writes an error message to standard error.</summary>
    public void Error(string message) => _environment.Error.WriteLine("sgctl: " + message);
}
