using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Server.Auth;

namespace ScoringGrid.Durability.Tests.Fixtures;

/// <summary>
/// The ScoringGrid server as a child process (the build output of src/ScoringGrid.Server), on a
/// free loopback port, with one tenant. It can be killed with SIGKILL and started again on the
/// same data directory. A test host that exits (or a test abandoned on its timeout) leaves no
/// server running: every process still alive at exit is killed.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string Tenant = "durable";
    public const string Key = "key-for-durability-tests";

    private static readonly ConcurrentDictionary<Process, byte> Live = new();

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Keys)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception)
                {
                    // Already gone, or exiting anyway.
                }
            }
        };
    }

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Invoker = Channel.CreateCallInvoker();
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    public static CallOptions Call(TimeSpan? timeout = null) =>
        new CallOptions(headers: new Metadata().Add("authorization", "Bearer " + Key)).WithTimeout(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Starts the server with the data directory and settings given; waits until it listens.</summary>
    public static Task<ServerProcess> StartAsync(string dataDirectory, params string[] settings) =>
        StartAsync(workingDirectory: null, dataDirectory, ["--Logging:LogLevel:Microsoft=Warning", .. settings]);

    /// <summary>Starts the server as <see cref="StartAsync(string, string[])"/> does, with these environment variables added.</summary>
    public static Task<ServerProcess> StartWithEnvironmentAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] settings) =>
        StartAsync(workingDirectory: null, dataDirectory, ["--Logging:LogLevel:Microsoft=Warning", .. settings], environment);

    /// <summary>
    /// Starts the server from another working directory, with no logging levels given on the command
    /// line: what it logs is what its own appsettings.json says.
    /// </summary>
    public static Task<ServerProcess> StartFromAsync(string workingDirectory, string dataDirectory, params string[] settings) =>
        StartAsync(workingDirectory, dataDirectory, settings);

    private static async Task<ServerProcess> StartAsync(string? workingDirectory, string dataDirectory, string[] settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(ServerAssemblyPath());
        foreach (var argument in new[]
        {
            "--ScoringGrid:Port=0",
            "--ScoringGrid:DataDirectory=" + dataDirectory,
            "--ScoringGrid:Auth:ApiKeys:0:Tenant=" + Tenant,
            "--ScoringGrid:Auth:ApiKeys:0:Sha256=" + ApiKeyAuthenticator.Hash(Key),
            "--Logging:Console:FormatterName=simple",
        }.Concat(settings))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        Live.TryAdd(process, 0);
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Live.TryRemove(process, out _);
            process.Dispose();
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new InvalidOperationException("The server did not start listening:\n" + text);
        }

        var server = new ServerProcess(process, await listening.Task);
        lock (output)
        {
            server._output.Append(output);
        }

        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Live.TryRemove(_process, out _);
    }

    /// <summary>SIGTERM: graceful shutdown (last checkpoint).</summary>
    public async Task StopAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Live.TryRemove(_process, out _);
    }

    /// <summary>Kills the process if it still runs; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>ScoringGrid.Server.dll of the same configuration as the tests, from the repository's build output.</summary>
    private static string ServerAssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "ScoringGrid.Server", "bin", configuration, "net10.0", "ScoringGrid.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"src/ScoringGrid.Server/bin/{configuration}/net10.0/ScoringGrid.Server.dll not found above {AppContext.BaseDirectory}; build the solution first.");
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
