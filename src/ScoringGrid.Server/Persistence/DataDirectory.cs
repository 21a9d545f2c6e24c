namespace ScoringGrid.Server.Persistence;

/// <summary>The server's data directory (<c>ScoringGrid:DataDirectory</c>), created when first needed.</summary>
public sealed class DataDirectory(string path)
{
    /// <summary>The full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>A path under the data directory (absolute paths are kept), its parent created.</summary>
    public string Resolve(string relativeOrAbsolute)
    {
        var full = System.IO.Path.GetFullPath(relativeOrAbsolute, Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }
}
