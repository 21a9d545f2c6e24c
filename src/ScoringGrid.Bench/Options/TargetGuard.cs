using System.Net;

namespace ScoringGrid.Bench.Options;

/// <summary>Keeps load on this machine: only loopback targets (127.0.0.0/8, ::1, localhost) are loaded unless <c>--allow-remote</c> says otherwise.</summary>
public static class TargetGuard
{
    /// <summary>Whether a target address is on the loopback interface.</summary>
    /// <param name="target">The target.</param>
    public static bool IsLoopback(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var host = target.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    /// <summary>Why a target is refused, or null when it may be loaded.</summary>
    /// <param name="target">The target.</param>
    /// <param name="allowRemote">Whether <c>--allow-remote</c> was given.</param>
    public static string? Refusal(Uri target, bool allowRemote) =>
        allowRemote || IsLoopback(target)
            ? null
            : $"--target: refusing to load '{target.Host}', which is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to load another host";
}
