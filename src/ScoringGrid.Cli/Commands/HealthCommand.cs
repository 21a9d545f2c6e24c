using System.CommandLine;
using System.Text.Json.Nodes;
using Grpc.Health.V1;

namespace ScoringGrid.Cli.Commands;

/// <summary><c>sgctl health</c>: whether the server is serving.</summary>
internal static class HealthCommand
{
    public static Command Create(GlobalOptions globals, CliEnvironment environment)
    {
        var service = new Option<string>("--service") { Description = "Ask about one service, e.g. scoringgrid.v1.ScoreService (default: the whole server)", DefaultValueFactory = _ => "" };
        var command = new Command("health", "Check that the server is up and serving") { service };
        CommandRunner.SetBody(command, globals, environment, async context =>
        {
            var name = context.Parse.GetValue(service) ?? "";
            var status = await context.Client.CheckHealthAsync(name, cancellationToken: context.CancellationToken);
            var text = status switch
            {
                HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
                HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
                HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
                _ => "UNKNOWN",
            };
            if (context.Output.Json)
            {
                context.Output.WriteJson(new JsonObject { ["address"] = context.Settings.Address.ToString().TrimEnd('/'), ["service"] = name, ["status"] = text });
            }
            else
            {
                context.Environment.Out.WriteLine($"{context.Settings.Address.ToString().TrimEnd('/')}{(name.Length > 0 ? " " + name : "")}: {text}");
            }

            return status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
