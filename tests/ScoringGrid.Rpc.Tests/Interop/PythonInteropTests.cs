using System.Diagnostics;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Interop;

/// <summary>
/// The interop cases driven by a client no one here wrote: Debian's python3-grpcio
/// (gRPC C core), through tests/interop/python/interop_client.py, against our server.
/// </summary>
public sealed class PythonInteropTests : IClassFixture<TestServerFixture>
{
    private const string Python = "/usr/bin/python3";
    private readonly TestServerFixture _fixture;

    public PythonInteropTests(TestServerFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Cases => new()
    {
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "status_code_and_message", "special_status_message", "custom_metadata",
        "unimplemented_method", "unimplemented_service",
        "client_compressed_unary", "server_compressed_unary", "client_compressed_streaming", "server_compressed_streaming",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio_client_passes(string testCase)
    {
        Assert.True(File.Exists(Python), "python3-grpcio is required: run tests/run.sh, which installs it");
        var script = Path.Combine(RepositoryPaths.Root, "tests", "interop", "python", "interop_client.py");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { script, "--server_host", "127.0.0.1", "--server_port", _fixture.Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--test_case", testCase },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"python interop client failed ({process.ExitCode}):\n{text}");
        Assert.Contains("PASS " + testCase, text);
        Assert.Contains("1 passed, 0 failed", text);
    }
}
