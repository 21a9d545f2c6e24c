using System.Net;

namespace ScoringGrid.Server.Hosting;

/// <summary>
/// Where and how the server listens. Bound from the <c>ScoringGrid</c> configuration
/// section (appsettings.json, environment variables <c>ScoringGrid__Port=...</c>, or
/// command-line <c>--ScoringGrid:Port=...</c>).
/// </summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringGrid";

    /// <summary>Address to listen on. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on (0 picks a free one). Default 50051.</summary>
    public int Port { get; set; } = 50051;

    /// <summary>PFX certificate for TLS; empty serves h2c (plaintext HTTP/2).</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Password of the PFX certificate.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Serve gRPC server reflection. Default true.</summary>
    public bool EnableReflection { get; set; } = true;

    /// <summary>How long in-flight calls may run once shutdown starts. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Directory for the server's files (the development key today; storage and the
    /// write-ahead log when durable). Default: <c>scoringgrid</c> under the user's local
    /// application data (<c>~/.local/share/scoringgrid</c> on Linux). Created when missing.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The default <see cref="DataDirectory"/>.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "scoringgrid");

    /// <summary>The endpoint, validated.</summary>
    public IPEndPoint GetEndPoint()
    {
        if (!IPAddress.TryParse(Host, out var address))
        {
            throw new InvalidOperationException($"ScoringGrid:Host '{Host}' is not an IP address.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"ScoringGrid:Port {Port} is outside 0..65535.");
        }

        return new IPEndPoint(address, Port);
    }
}
