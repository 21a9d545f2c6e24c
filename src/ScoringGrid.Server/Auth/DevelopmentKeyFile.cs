using System.Security.Cryptography;

namespace ScoringGrid.Server.Auth;

/// <summary>
/// The development key's file: read when it holds a well-formed key, otherwise a new key is
/// generated and written with owner-only permissions. A file that cannot be written leaves
/// the key in memory only (logged), so a read-only machine still starts.
/// </summary>
internal static class DevelopmentKeyFile
{
    private const string Prefix = "sgdev_";

    public static string ReadOrCreate(string? path, ILogger logger)
    {
        if (path is not null && File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (IsWellFormed(existing))
            {
                return existing;
            }

            logger.LogWarning("Development key file {Path} does not hold a key; generating a new one.", path);
        }

        var key = Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        if (path is null)
        {
            return key;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(key);
                writer.Write('\n');
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not write the development key to {Path}: {Reason}. It lasts until the server stops.", path, e.Message);
        }

        return key;
    }

    private static bool IsWellFormed(string key) =>
        key.Length == Prefix.Length + 32 && key.StartsWith(Prefix, StringComparison.Ordinal) && key.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") == false;
}
