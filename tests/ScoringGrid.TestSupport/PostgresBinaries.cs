namespace ScoringGrid.TestSupport;

/// <summary>
/// Finds the PostgreSQL server programs of Debian's packages (<c>/usr/lib/postgresql/VERSION/bin</c>),
/// installing the <c>postgresql</c> package when they are missing and the process runs as root.
/// </summary>
public static class PostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>How to get the programs, for error messages.</summary>
    public const string InstallHint = "Install PostgreSQL's server package (Debian/Ubuntu: 'sudo apt-get install -y postgresql'), or set SCORINGGRID_TEST_POSTGRES to the connection string of a server the tests may create databases on.";

    /// <summary>The directory holding <c>initdb</c> and <c>pg_ctl</c> of the newest installed version, or null.</summary>
    public static string? Find()
    {
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : -1, Bin: Path.Combine(version, "bin")))
            .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "initdb")) && File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>
    /// The directory of the programs; installs them with apt-get (bounded in time, once per
    /// process) when they are missing. Throws with instructions when they cannot be had.
    /// </summary>
    public static async Task<string> FindOrInstallAsync()
    {
        if (Find() is { } found)
        {
            return found;
        }

        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Find() is { } installedMeanwhile)
            {
                return installedMeanwhile;
            }

            if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException($"PostgreSQL's initdb and pg_ctl were not found under {Root}/*/bin and cannot be installed from here. {InstallHint}");
            }

            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            string[] install = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", "--no-install-recommends", "postgresql"];
            var result = await ProcessRunner.RunAsync("apt-get", install, InstallTimeout, environment: environment).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                // The package lists may be missing or stale: refresh them once and try again.
                await ProcessRunner.RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update", "-q"], InstallTimeout, environment: environment).ConfigureAwait(false);
                result = await ProcessRunner.RunAsync("apt-get", install, InstallTimeout, environment: environment).ConfigureAwait(false);
            }

            return Find() ?? throw new InvalidOperationException(
                $"Installing PostgreSQL with apt-get failed (exit code {result.ExitCode}). {InstallHint}\n{result.Output}");
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
