using System.Globalization;

namespace ScoringGrid.Client.Compat;

/// <summary>The runner's command line: <c>--address URL --api-key KEY --scenario FILE --out FILE [--timeout SECONDS]</c>.</summary>
public sealed record CompatArguments(string Address, string ApiKey, string Scenario, string Out, TimeSpan Timeout)
{
    /// <summary>How to call the runner.</summary>
    public const string Usage = "usage: ScoringGrid.Client.Compat --address http://127.0.0.1:PORT --api-key KEY --scenario clients/compat/scenario.json --out FILE [--timeout SECONDS]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming what is missing or wrong.</summary>
    public static CompatArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--address" or "--api-key" or "--scenario" or "--out" or "--timeout"))
            {
                throw new ArgumentException($"unknown argument '{name}'");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name}: a value is required");
            }

            values[name] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"{name} is required");

        var timeout = TimeSpan.FromSeconds(20);
        if (values.TryGetValue("--timeout", out var seconds))
        {
            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !(parsed > 0))
            {
                throw new ArgumentException($"--timeout: '{seconds}' is not a positive number of seconds");
            }

            timeout = TimeSpan.FromSeconds(parsed);
        }

        var address = Required("--address");
        if (!address.Contains("://", StringComparison.Ordinal))
        {
            address = "http://" + address;
        }

        return new CompatArguments(address, Required("--api-key"), Required("--scenario"), Required("--out"), timeout);
    }
}
