namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>A temporary directory for a test's files, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sg-bench-files-");

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public string Write(string name, params string[] lines)
    {
        var path = PathOf(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
