using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Hosting;

namespace ScoringGrid.Server.Tests.Auth;

public sealed class DevelopmentKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-devkey-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ApiKeyAuthenticator Create(ApiKeyOptions? keys = null) => new(
        Options.Create(keys ?? new ApiKeyOptions()),
        Options.Create(new ServerOptions { DataDirectory = _directory }),
        NullLogger<ApiKeyAuthenticator>.Instance);

    [Fact]
    public void The_generated_key_is_written_owner_only_and_reused_after_a_restart()
    {
        var first = Create().DevelopmentKey;
        var path = Path.Combine(_directory, ApiKeyOptions.DefaultDevelopmentKeyFileName);

        Assert.NotNull(first);
        Assert.Equal(first, File.ReadAllText(path).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(first, Create().DevelopmentKey);
    }

    [Fact]
    public void A_file_without_a_well_formed_key_is_replaced()
    {
        var path = Path.Combine(_directory, ApiKeyOptions.DefaultDevelopmentKeyFileName);
        File.WriteAllText(path, "not a key");

        var key = Create().DevelopmentKey;

        Assert.StartsWith("sgdev_", key);
        Assert.Equal(key, File.ReadAllText(path).Trim());
    }

    [Fact]
    public void An_empty_file_setting_keeps_the_key_in_memory_only()
    {
        var first = Create(new ApiKeyOptions { DevelopmentKeyFile = "" }).DevelopmentKey;
        var second = Create(new ApiKeyOptions { DevelopmentKeyFile = "" }).DevelopmentKey;

        Assert.NotEqual(first, second);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Configured_keys_mean_no_development_key_and_no_file()
    {
        var keys = new ApiKeyOptions();
        keys.ApiKeys.Add(new ApiKeyEntry { Tenant = "acme", Sha256 = ApiKeyAuthenticator.Hash("secret") });

        Assert.Null(Create(keys).DevelopmentKey);
        Assert.Empty(Directory.GetFiles(_directory));
    }
}
