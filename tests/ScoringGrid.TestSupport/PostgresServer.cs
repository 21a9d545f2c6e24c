using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using Xunit;

namespace ScoringGrid.TestSupport;

/// <summary>
/// A PostgreSQL server for tests, usable as an xunit class or collection fixture.
/// </summary>
/// <remarks>
/// <para>
/// When the environment variable <c>SCORINGGRID_TEST_POSTGRES</c> holds a connection string,
/// that server is used: each instance creates its own databases there and drops them on
/// dispose. Otherwise each instance runs its own cluster from Debian's PostgreSQL package
/// (installed with apt-get when missing and the tests run as root): a new data directory,
/// trust authentication, listening on 127.0.0.1 on a free port with its socket in its own
/// directory, and <c>fsync=off</c>. Instances are independent, so tests running in parallel
/// each get their own.
/// </para>
/// <para>
/// A local cluster can be stopped and started again (<see cref="StopAsync"/>,
/// <see cref="StartAsync"/>) on the same port and data, to test outages. Dispose stops it
/// (immediate mode) and deletes its directory.
/// </para>
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of a local cluster.</summary>
    public const string ConnectionStringVariable = "SCORINGGRID_TEST_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<PostgresServer, byte> Running = new();
    private readonly bool _allowExternal;
    private readonly List<string> _databases = [];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private TempDirectory? _directory;
    private string? _bin;
    private string? _adminConnectionString;
    private bool _disposed;

    static PostgresServer()
    {
        // A test host that exits without disposing its fixtures must not leave clusters running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.StopOnExit();
            }
        };
    }

    /// <summary>Creates the fixture (started by xunit through <see cref="InitializeAsync"/>); uses <c>SCORINGGRID_TEST_POSTGRES</c> when set.</summary>
    public PostgresServer()
        : this(allowExternal: true)
    {
    }

    private PostgresServer(bool allowExternal)
    {
        _allowExternal = allowExternal;
    }

    /// <summary>Connection string of this instance's own database (created at start).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Whether this instance runs its own cluster (and so can stop and start it).</summary>
    public bool IsLocalCluster => _directory is not null;

    /// <summary>Whether the local cluster is running.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>TCP port of the server.</summary>
    public int Port { get; private set; }

    /// <summary>Data directory of the local cluster (null when an external server is used).</summary>
    public string? DataDirectory => _directory?.Combine("data");

    /// <summary>
    /// Starts a server. With <paramref name="requireLocalCluster"/> the instance always runs its
    /// own cluster, ignoring <c>SCORINGGRID_TEST_POSTGRES</c> (for tests that stop the server).
    /// </summary>
    public static async Task<PostgresServer> StartNewAsync(bool requireLocalCluster = false)
    {
        var server = new PostgresServer(allowExternal: !requireLocalCluster);
        try
        {
            await server.InitializeAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server and creates this instance's database (called by xunit for a fixture).</summary>
    public async Task InitializeAsync()
    {
        try
        {
            var external = _allowExternal ? Environment.GetEnvironmentVariable(ConnectionStringVariable) : null;
            if (!string.IsNullOrWhiteSpace(external))
            {
                var builder = new NpgsqlConnectionStringBuilder(external);
                Port = builder.Port;
                _adminConnectionString = builder.ConnectionString;
            }
            else
            {
                await StartLocalClusterAsync().ConfigureAwait(false);
            }

            ConnectionString = await CreateDatabaseAsync().ConfigureAwait(false);
        }
        catch
        {
            // Leaves no cluster running and no directory behind when starting fails halfway.
            try
            {
                await DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure to start is the error worth reporting.
            }

            throw;
        }
    }

    /// <summary>Creates a new, empty database on the server and returns its connection string (dropped on dispose).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var admin = _adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL server is not started.");
        var name = "sg_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the local cluster (fast shutdown: open sessions are terminated), keeping its data.</summary>
    public async Task StopAsync()
    {
        RequireLocal();
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsRunning)
            {
                await PgCtlAsync("stop", "-m", "fast", "-w", "-t", "60").ConfigureAwait(false);
                IsRunning = false;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts the stopped local cluster again, on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        RequireLocal();
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!IsRunning)
            {
                await StartPostmasterAsync(Port).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the local cluster and deletes its directory, or drops the databases made on an external server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_directory is not null)
            {
                if (IsRunning)
                {
                    try
                    {
                        await PgCtlAsync("stop", "-m", "immediate", "-w", "-t", "60").ConfigureAwait(false);
                    }
                    finally
                    {
                        IsRunning = false;
                        Running.TryRemove(this, out _);
                    }
                }

                _directory.Dispose();
                return;
            }

            if (_adminConnectionString is not null)
            {
                await DropDatabasesAsync(_adminConnectionString).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <inheritdoc />
    public override string ToString() => IsLocalCluster ? $"PostgreSQL on 127.0.0.1:{Port} (data {DataDirectory})" : $"PostgreSQL from {ConnectionStringVariable}";

    private static bool IsRoot => Environment.IsPrivilegedProcess;

    private async Task StartLocalClusterAsync()
    {
        _bin = await PostgresBinaries.FindOrInstallAsync().ConfigureAwait(false);
        _directory = new TempDirectory("sg-pg-");
        var socketDirectory = _directory.Combine("socket");
        Directory.CreateDirectory(socketDirectory);
        if (IsRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            var chown = await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _directory.Path], CommandTimeout).ConfigureAwait(false);
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"Could not give {_directory.Path} to the postgres user (does it exist? {PostgresBinaries.InstallHint}):\n{chown.Output}");
            }
        }

        var initdb = await RunPostgresProgramAsync(
            "initdb", ["-D", DataDirectory!, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]).ConfigureAwait(false);
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed (exit code {initdb.ExitCode}):\n{initdb.Output}");
        }

        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await StartPostmasterAsync(FreePort.Pick()).ConfigureAwait(false);
                break;
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                // Most likely the port was taken between picking and binding: pick another.
                last = e;
            }
        }

        if (!IsRunning)
        {
            throw last ?? new InvalidOperationException("PostgreSQL did not start.");
        }

        _adminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 15,
            CommandTimeout = 60,
        }.ConnectionString;
    }

    private async Task StartPostmasterAsync(int port)
    {
        var options = string.Join(' ',
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", _directory!.Combine("socket"),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=100",
            "-c", "shared_buffers=32MB");
        var start = await PgCtlAsync("start", "-w", "-t", "60", "-l", _directory.Combine("postgres.log"), "-o", options).ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl start on port {port} failed (exit code {start.ExitCode}):\n{start.Output}\n{ReadLogTail()}");
        }

        Port = port;
        IsRunning = true;
        Running.TryAdd(this, 0);
        await WaitUntilReadyAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 5,
            Pooling = false,
        }.ConnectionString;
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private Task<ProcessRunner.Result> PgCtlAsync(params string[] arguments) =>
        RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory!, .. arguments]);

    private Task<ProcessRunner.Result> RunPostgresProgramAsync(string program, string[] arguments)
    {
        var path = Path.Combine(_bin!, program);
        return IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout, workingDirectory: _directory!.Path)
            : ProcessRunner.RunAsync(path, arguments, CommandTimeout, workingDirectory: _directory!.Path);
    }

    private async Task DropDatabasesAsync(string admin)
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
            _databases.Clear();
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private void StopOnExit()
    {
        if (!IsRunning || _directory is null)
        {
            return;
        }

        try
        {
            RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory!, "stop", "-m", "immediate", "-w", "-t", "20"]).Wait(TimeSpan.FromSeconds(30));
            _directory.Dispose();
        }
        catch (Exception)
        {
            // Best effort at process exit.
        }
    }

    private string ReadLogTail()
    {
        var log = _directory?.Combine("postgres.log");
        if (log is null || !File.Exists(log))
        {
            return string.Empty;
        }

        var lines = File.ReadAllLines(log);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 20)));
    }

    private void RequireLocal()
    {
        if (_directory is null)
        {
            throw new InvalidOperationException(
                $"Only a local cluster can be stopped and started; this instance uses {ConnectionStringVariable}. Create it with PostgresServer.StartNewAsync(requireLocalCluster: true).");
        }
    }
}
