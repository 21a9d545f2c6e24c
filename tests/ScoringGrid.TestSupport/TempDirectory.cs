namespace ScoringGrid.TestSupport;

/// <summary>A new directory under the system temporary directory, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory, named <paramref name="prefix"/> plus a random suffix.</summary>
    public TempDirectory(string prefix = "sg-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>Full path of the directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Deletes the directory; a directory already gone is not an error.</summary>
    public void Dispose()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                // A process that just exited may still be releasing a file in it.
                Thread.Sleep(200);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
