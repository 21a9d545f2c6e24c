using System.Diagnostics;
using System.Globalization;

namespace ScoringGrid.Bench.Peers;

/// <summary>
/// CPU use during a measurement on this (shared) machine, from /proc: all CPUs' busy time, the
/// driver's own, and the server's (a process and its descendants, e.g. PostgreSQL's backends).
/// What is left is other work on the machine, which makes a run less trustworthy; it is
/// recorded with each run as a percentage of all CPUs.
/// </summary>
public sealed class CpuProbe
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int _serverPid;
    private long _busy0;
    private double _driver0;
    private long _server0;
    private long _wall0;

    private CpuProbe(int serverPid) => _serverPid = serverPid;

    /// <summary>CPUs of the machine (not of this process's affinity, which --pin narrows).</summary>
    public static int MachineCpus { get; } = CountCpus();

    private static int CountCpus()
    {
        try
        {
            int n = File.ReadLines("/proc/stat").Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
            return n > 0 ? n : Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
    }

    /// <summary>Starts measuring.</summary>
    public static CpuProbe Start(int serverPid)
    {
        var p = new CpuProbe(serverPid);
        p._busy0 = SystemBusyTicks();
        p._driver0 = TreeTicks(Environment.ProcessId) / TicksPerSecond;
        p._server0 = TreeTicks(serverPid);
        p._wall0 = Stopwatch.GetTimestamp();
        return p;
    }

    /// <summary>Records CPU use since <see cref="Start"/> into the measurement (percent of all CPUs).</summary>
    public void Stop(Measurement m)
    {
        double wall = Stopwatch.GetElapsedTime(_wall0).TotalSeconds;
        if (wall <= 0 || !File.Exists("/proc/stat"))
        {
            return;
        }

        double all = wall * MachineCpus;
        double busy = (SystemBusyTicks() - _busy0) / TicksPerSecond;
        double driver = TreeTicks(Environment.ProcessId) / TicksPerSecond - _driver0; // with child processes (pgbench)
        double server = _serverPid > 0 ? (TreeTicks(_serverPid) - _server0) / TicksPerSecond : 0;
        m.Extra["server_cpu_pct"] = Math.Round(100 * server / all, 1);
        m.Extra["driver_cpu_pct"] = Math.Round(100 * driver / all, 1);
        if (_serverPid > 0)
        {
            m.Extra["other_cpu_pct"] = Math.Round(Math.Max(0, 100 * (busy - driver - server) / all), 1);
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="maxSeconds"/>) until the machine is quiet: busy time of all CPUs over
    /// half a second at or below <paramref name="limitPct"/>. Returns the last busy percentage seen.
    /// </summary>
    public static double WaitIdle(double maxSeconds, double limitPct)
    {
        if (maxSeconds <= 0 || !File.Exists("/proc/stat"))
        {
            return 0;
        }

        long end = Stopwatch.GetTimestamp() + (long)(maxSeconds * Stopwatch.Frequency);
        double pct;
        do
        {
            long b0 = SystemBusyTicks();
            Thread.Sleep(500);
            pct = 100 * (SystemBusyTicks() - b0) / TicksPerSecond / (0.5 * MachineCpus);
        }
        while (pct > limitPct && Stopwatch.GetTimestamp() < end);
        return Math.Round(pct, 1);
    }

    private static long SystemBusyTicks()
    {
        try
        {
            string line = File.ReadLines("/proc/stat").First();
            long[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
            return f.Sum() - f[3] - f[4];
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>CPU time of a process and all its descendants, live or reaped, in clock ticks.</summary>
    private static long TreeTicks(int root)
    {
        if (root <= 0)
        {
            return 0;
        }

        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string s = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command name: state ppid ... utime(14) stime(15)
                // cutime(16) cstime(17); the last two hold the children already reaped, such as
                // PostgreSQL backends whose connection closed before the probe's end.
                string[] f = s[(s.LastIndexOf(')') + 2)..].Split(' ');
                long ticks = 0;
                for (int i = 11; i <= 14; i++)
                {
                    ticks += long.Parse(f[i], CultureInfo.InvariantCulture);
                }

                stats[pid] = (int.Parse(f[1], CultureInfo.InvariantCulture), ticks);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
            }
        }

        long total = 0;
        var queue = new Queue<int>();
        queue.Enqueue(root);
        var children = stats.GroupBy(kv => kv.Value.Parent).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList());
        while (queue.Count > 0)
        {
            int pid = queue.Dequeue();
            if (stats.TryGetValue(pid, out var st))
            {
                total += st.Ticks;
            }

            if (children.TryGetValue(pid, out var kids))
            {
                foreach (int k in kids)
                {
                    queue.Enqueue(k);
                }
            }
        }

        return total;
    }
}
