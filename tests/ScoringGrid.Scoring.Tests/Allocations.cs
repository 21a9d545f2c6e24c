using System.Runtime.CompilerServices;

namespace ScoringGrid.Scoring.Tests;

/// <summary>
/// Measures what an action allocates on the current thread. The action runs once first, unmeasured, so
/// that JIT compilation (which can allocate, e.g. for string literal handles) happens outside the window.
/// Measured code should live in methods marked <see cref="MethodImplOptions.AggressiveOptimization"/>:
/// they are compiled once, fully optimised, and never recompiled (no on-stack replacement) mid-loop.
/// </summary>
internal static class Allocations
{
    public static long Measure(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
