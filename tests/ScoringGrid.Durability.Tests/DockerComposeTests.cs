using Microsoft.Extensions.Configuration;
using ScoringGrid.Server.Persistence;
using YamlDotNet.RepresentationModel;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker engine), so it is parsed as YAML and its
/// scoringgrid service's settings are bound the way the server binds them.
/// </summary>
public sealed class DockerComposeTests
{
    private static YamlMappingNode Services()
    {
        var path = Path.Combine(RepositoryRoot(), "docker-compose.yml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)root["services"];
    }

    [Fact]
    public void Compose_file_has_postgres_and_a_scoringgrid_service_configured_for_it()
    {
        var services = Services();
        var postgres = (YamlMappingNode)services["postgres"];
        Assert.StartsWith("postgres:", ((YamlScalarNode)postgres["image"]).Value);

        var server = (YamlMappingNode)services["scoringgrid"];
        var build = (YamlMappingNode)server["build"];
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), ((YamlScalarNode)build["dockerfile"]).Value!)));
        Assert.Contains("postgres", ((YamlMappingNode)server["depends_on"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var environment = ((YamlMappingNode)server["environment"]).Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!.Replace("__", ":", StringComparison.Ordinal),
            e => (string?)((YamlScalarNode)e.Value).Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;
        storage.Validate();
        Assert.Equal("postgres", storage.Provider);
        Assert.Contains("Host=postgres", storage.PostgresConnectionString);
        Assert.Equal("/data", configuration["ScoringGrid:DataDirectory"]);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScoringGrid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (ScoringGrid.sln) not found above " + AppContext.BaseDirectory);
    }
}
