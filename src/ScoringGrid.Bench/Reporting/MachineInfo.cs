using System.Runtime;
using System.Runtime.InteropServices;

namespace ScoringGrid.Bench.Reporting;

/// <summary>The machine a run was measured on, for the result file (absolute figures move between machines).</summary>
/// <param name="ProcessorCount">Logical processors the runtime sees.</param>
/// <param name="OperatingSystem">The OS description.</param>
/// <param name="Architecture">The process architecture.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="ServerGc">Whether the load generator runs the server garbage collector.</param>
public sealed record MachineInfo(int ProcessorCount, string OperatingSystem, string Architecture, string Runtime, bool ServerGc)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC);
}
