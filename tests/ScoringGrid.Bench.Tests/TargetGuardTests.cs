using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Tests.Fixtures;

namespace ScoringGrid.Bench.Tests;

/// <summary>Only loopback targets are loaded unless --allow-remote says otherwise; a refused target is never contacted.</summary>
public sealed class TargetGuardTests
{
    [Theory(Timeout = 10_000)]
    [InlineData("http://127.0.0.1:50051")]
    [InlineData("http://127.8.9.10:1234")]
    [InlineData("http://localhost:50051")]
    [InlineData("https://LOCALHOST:443")]
    [InlineData("http://[::1]:50051")]
    [InlineData("http://[::ffff:127.0.0.1]:50051")]
    public async Task Loopback_targets_are_allowed(string target)
    {
        await Task.Yield();
        Assert.True(TargetGuard.IsLoopback(new Uri(target)));
        Assert.Null(TargetGuard.Refusal(new Uri(target), allowRemote: false));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("http://10.0.0.5:50051")]
    [InlineData("http://192.168.1.20:50051")]
    [InlineData("http://172.16.0.1:50051")]
    [InlineData("http://128.0.0.1:50051")]
    [InlineData("http://0.0.0.0:50051")]
    [InlineData("http://[::2]:50051")]
    [InlineData("http://scoring.example.com:50051")]
    [InlineData("http://127.0.0.1.example.com:50051")]
    [InlineData("http://localhost.example.com:50051")]
    public async Task Other_targets_are_refused_unless_allowed(string target)
    {
        await Task.Yield();
        var uri = new Uri(target);
        Assert.False(TargetGuard.IsLoopback(uri));
        Assert.Contains("pass --allow-remote", TargetGuard.Refusal(uri, allowRemote: false));
        Assert.Null(TargetGuard.Refusal(uri, allowRemote: true));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_program_refuses_a_remote_target_before_sending_anything()
    {
        var result = await BenchRunner.RunAsync("--target", "http://10.0.0.5:50051", "--scenario", "get-account", "--count", "1");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--target: refusing to load '10.0.0.5', which is not a loopback address", result.Error);
        Assert.DoesNotContain("preloading", result.Error);
        Assert.Empty(result.Out);

        var allowed = new BenchCommandLine().Parse(["--target", "http://10.0.0.5:50051", "--allow-remote"], _ => null);
        Assert.Empty(allowed.Errors);
        Assert.True(allowed.Settings!.AllowRemote);
    }
}
