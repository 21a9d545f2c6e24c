using Grpc.Health.V1;
using ScoringGrid.Rpc.Health;

namespace ScoringGrid.Client;

public sealed partial class ScoringGridClient
{
    /// <summary>
    /// The serving status of the server (<c>grpc.health.v1.Health/Check</c>). The empty service
    /// name asks about the server as a whole; <c>scoringgrid.v1.ScoreService</c> and the other
    /// service names ask about one service (NOT_FOUND for a service the server does not know).
    /// </summary>
    /// <param name="service">The service name; empty for the whole server.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(string service = "", CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var response = await UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service ?? string.Empty }, idempotent: true, settings, cancellationToken)
            .ConfigureAwait(false);
        return response.Status;
    }
}
