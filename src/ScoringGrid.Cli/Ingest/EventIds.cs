using System.Security.Cryptography;
using System.Text;

namespace ScoringGrid.Cli.Ingest;

/// <summary>
/// Event ids for lines that carry none, derived from the line number and the line's content:
/// ingesting the same file again finds the same ids, so nothing is counted twice.
/// </summary>
internal static class EventIds
{
    public static string Derive(string prefix, long lineNumber, string line)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim()), hash);
        return $"{prefix}-{lineNumber}-{Convert.ToHexString(hash[..6]).ToLowerInvariant()}";
    }
}
