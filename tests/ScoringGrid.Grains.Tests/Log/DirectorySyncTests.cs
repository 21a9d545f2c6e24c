using ScoringGrid.Grains.Log;

namespace ScoringGrid.Grains.Tests.Log;

public sealed class DirectorySyncTests
{
    [Fact]
    public void Directories_are_flushed_on_unix_and_a_missing_one_is_an_error()
    {
        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), DirectorySync.IsSupported);
        using var dir = new WalTestDirectory();
        DirectorySync.Flush(dir.Path);
        if (DirectorySync.IsSupported)
        {
            var error = Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(dir.Path, "missing")));
            Assert.Contains("missing", error.Message);
        }
    }
}
