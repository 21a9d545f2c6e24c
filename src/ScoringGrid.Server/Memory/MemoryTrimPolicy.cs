namespace ScoringGrid.Server.Memory;

/// <summary>
/// Decides, from periodic samples of the clock, the bytes allocated and the resident memory, when a
/// trim is due: once the server has been quiet for <see cref="MemoryTrimOptions.TrimAfterQuiet"/>
/// and its resident memory has grown by <see cref="MemoryTrimOptions.MinimumGrowth"/> since start or
/// the last trim; then not again until the server has been busy and quiet again. No clock or
/// process of its own, so it is tested with made-up samples.
/// </summary>
public sealed class MemoryTrimPolicy
{
    private readonly MemoryTrimOptions _options;
    private bool _started;
    private long _lastMs;
    private long _lastAllocated;
    private long _quietSinceMs;
    private bool _trimmedThisQuiet;
    private long _residentBaseline;

    /// <summary>Creates the policy.</summary>
    public MemoryTrimPolicy(MemoryTrimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>When the current quiet spell began, on the samples' clock.</summary>
    public long QuietSinceMs => _quietSinceMs;

    /// <summary>
    /// Takes one sample and says whether to trim now. A true answer counts as the trim of the
    /// current quiet spell.
    /// </summary>
    /// <param name="nowMs">A monotonic clock, in milliseconds.</param>
    /// <param name="allocatedBytes">Bytes the process has allocated since it started.</param>
    /// <param name="residentBytes">The process's resident memory.</param>
    public bool ShouldTrim(long nowMs, long allocatedBytes, long residentBytes)
    {
        if (!_options.Enabled)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            _lastMs = nowMs;
            _lastAllocated = allocatedBytes;
            _quietSinceMs = nowMs;
            _residentBaseline = residentBytes;
            return false;
        }

        long elapsedMs = Math.Max(1, nowMs - _lastMs);
        long allocated = allocatedBytes - _lastAllocated;
        _lastMs = nowMs;
        _lastAllocated = allocatedBytes;
        if (allocated > _options.QuietAllocationRate * elapsedMs / 1000)
        {
            _quietSinceMs = nowMs;
            _trimmedThisQuiet = false;
            return false;
        }

        if (_trimmedThisQuiet
            || nowMs - _quietSinceMs < (long)_options.TrimAfterQuiet.TotalMilliseconds
            || residentBytes - _residentBaseline < _options.MinimumGrowth)
        {
            return false;
        }

        _trimmedThisQuiet = true;
        return true;
    }

    /// <summary>Notes the resident memory right after a trim: growth is counted from there.</summary>
    public void Trimmed(long residentBytes) => _residentBaseline = residentBytes;
}
