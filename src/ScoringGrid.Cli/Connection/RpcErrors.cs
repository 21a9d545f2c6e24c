using ScoringGrid.Client;
using ScoringGrid.Cli.Output;
using ScoringGrid.Rpc;

namespace ScoringGrid.Cli.Connection;

/// <summary>Turns a failed call into a message a person can act on, and an exit status.</summary>
internal static class RpcErrors
{
    public static (string Message, int ExitCode) Describe(RpcException error, ConnectionSettings settings)
    {
        var detail = error.Status.Detail;
        return error.StatusCode switch
        {
            StatusCode.Unavailable => (
                $"cannot reach the ScoringGrid server at {settings.Address}: {detail}\n" +
                "Is it running? Start one with: dotnet run --project src/ScoringGrid.Server (or pass --address / set SCORINGGRID_ADDRESS).",
                ExitCodes.Unavailable),
            StatusCode.DeadlineExceeded => (
                $"the server at {settings.Address} did not answer within {Format.Duration(settings.Timeout)} (raise it with --timeout).",
                ExitCodes.Unavailable),
            StatusCode.Unauthenticated => (Unauthenticated(detail, settings), ExitCodes.Unauthenticated),
            StatusCode.PermissionDenied => ($"the server refused the call: {detail}", ExitCodes.Unauthenticated),
            StatusCode.NotFound => ($"not found: {detail}", ExitCodes.NotFound),
            StatusCode.InvalidArgument => ($"invalid request: {detail}", ExitCodes.Usage),
            _ => ($"the call failed with {StatusNames.Canonical(error.StatusCode)}: {detail}", ExitCodes.Failure),
        };
    }

    private static string Unauthenticated(string detail, ConnectionSettings settings) => settings.KeySource switch
    {
        ApiKeySource.None when settings.KeyPath is { } path =>
            $"the server requires an API key and none was given ({detail}).\n" +
            $"Pass --api-key KEY or set SCORINGGRID_API_KEY. sgctl also looks for the development key a local server writes when it has no configured keys, at {path}; there is none there.",
        ApiKeySource.None =>
            $"the server requires an API key and none was given ({detail}).\nPass --api-key KEY or set SCORINGGRID_API_KEY.",
        ApiKeySource.Option => $"the server refused the API key given with --api-key: {detail}",
        ApiKeySource.Environment => $"the server refused the API key in SCORINGGRID_API_KEY: {detail}",
        _ => $"the server refused the development key read from {settings.KeyPath}: {detail} (was the server restarted with another data directory or with configured keys? pass --api-key)",
    };
}
