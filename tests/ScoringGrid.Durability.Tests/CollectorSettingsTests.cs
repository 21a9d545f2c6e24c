using System.Text.RegularExpressions;
using ScoringGrid.Durability.Tests.Fixtures;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// The server, as a process, runs with the collector settings its project file gives it (server
/// collection, background full collections, a 32 MiB cap on each heap's gen0 budget), says so at
/// start, and an operator's environment variable changes the cap.
/// </summary>
public sealed partial class CollectorSettingsTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-gc-data-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [GeneratedRegex(@"Garbage collector: (?<kind>server|workstation), (?<heaps>[0-9]+) heaps?, (?<full>background|blocking) full collections, gen0 budget (at most (?<budget>[0-9]+) MiB a heap|uncapped)\.")]
    private static partial Regex CollectorLine();

    private static async Task<Match> CollectorLineAsync(ServerProcess server)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var match = CollectorLine().Match(server.Output);
            if (match.Success)
            {
                return match;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no collector line within 30 s\n--- server output ---\n" + server.Output);
            await Task.Delay(50);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task The_server_runs_with_background_full_collections_and_a_capped_gen0_budget()
    {
        var server = await ServerProcess.StartAsync(_dataDirectory, "--ScoringGrid:Storage:Provider=memory");
        try
        {
            var line = await CollectorLineAsync(server);
            Assert.Equal("server", line.Groups["kind"].Value);
            Assert.True(int.Parse(line.Groups["heaps"].Value) >= 1, line.Value);
            Assert.Equal("background", line.Groups["full"].Value);
            Assert.Equal("32", line.Groups["budget"].Value);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task An_environment_variable_changes_the_gen0_cap()
    {
        var server = await ServerProcess.StartWithEnvironmentAsync(
            _dataDirectory,
            new Dictionary<string, string> { ["DOTNET_GCGen0MaxBudget"] = "1000000" }, // hexadecimal: 16 MiB
            "--ScoringGrid:Storage:Provider=memory");
        try
        {
            var line = await CollectorLineAsync(server);
            Assert.Equal("16", line.Groups["budget"].Value);
            Assert.Equal("background", line.Groups["full"].Value);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
