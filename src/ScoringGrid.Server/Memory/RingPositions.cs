using System.Runtime.InteropServices;

namespace ScoringGrid.Server.Memory;

/// <summary>
/// The take and return positions of a <see cref="ReusePool{T}"/>, each on a cache line of its own,
/// so threads taking and threads returning do not contend for one line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct RingPositions
{
    /// <summary>Objects taken so far (wrapping).</summary>
    [FieldOffset(64)]
    public int Taken;

    /// <summary>Objects returned so far (wrapping).</summary>
    [FieldOffset(128)]
    public int Returned;
}
