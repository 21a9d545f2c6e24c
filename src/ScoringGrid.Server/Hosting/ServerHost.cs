using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ScoringGrid.Rpc;
using ScoringGrid.Rpc.Hosting;
using ScoringGrid.Server.Persistence;

namespace ScoringGrid.Server.Hosting;

/// <summary>Builds the ScoringGrid web application: Kestrel for gRPC, options, services.</summary>
public static class ServerHost
{
    /// <summary>
    /// Creates the application from command-line arguments and configuration. The content root (where
    /// appsettings.json is read from) is the server's own directory whatever the working directory,
    /// unless <c>--contentRoot</c> names another.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = NamesContentRoot(args) ? null : AppContext.BaseDirectory,
        });
        var options = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddRpcServer(rpc =>
        {
            builder.Configuration.GetSection(ServerOptions.SectionName + ":Rpc").Bind(rpc);
            rpc.ExceptionStatus = exception => exception is ScoringGrid.Grains.StorageUnavailableException unavailable
                ? StorageHealth.Unavailable(unavailable.Message).Status
                : null;
        });
        builder.Services.AddScoring(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureRpcLimits();
            X509Certificate2? certificate = null;
            if (!string.IsNullOrEmpty(options.TlsCertificatePath))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath, options.TlsCertificatePassword);
            }

            kestrel.ListenRpc(options.GetEndPoint(), certificate);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRpcServer(options.EnableReflection);
        return app;
    }

    private static bool NamesContentRoot(string[] args) =>
        Array.Exists(args, arg => arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));

    /// <summary>The addresses the server listens on, once started.</summary>
    public static IReadOnlyCollection<string> GetAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? Array.Empty<string>();
}
