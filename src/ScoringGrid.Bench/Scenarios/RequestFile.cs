using System.Buffers.Binary;
using Google.Protobuf;
using ScoringGrid.Bench.Options;
using ScoringGrid.Bench.Workload;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>
/// <c>--emit-requests</c>: the requests a query run would send, drawn from the same targets with the
/// same Zipf exponent, written as gRPC-framed messages (a zero flag byte, the length big-endian, the
/// message) one after another: request bodies for a client of another stack, such as
/// <c>tests/bench/pace/grpc-pace</c>, which sends them in turn.
/// </summary>
public static class RequestFile
{
    /// <summary>Writes <see cref="BenchSettings.Count"/> requests of the settings' query scenario to <see cref="BenchSettings.EmitRequestsPath"/>.</summary>
    /// <param name="settings">Validated settings with <c>--emit-requests</c>.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>Requests written, and how many distinct pairs and accounts they were drawn from.</returns>
    public static async Task<(long Written, int Pairs, int Accounts)> WriteAsync(BenchSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.EmitRequestsPath ?? throw new ArgumentException("no --emit-requests path", nameof(settings));
        var count = settings.Count ?? throw new ArgumentException("no --count", nameof(settings));
        QueryTargets targets;
        using (var source = InteractionSource.For(settings))
        {
            // What a run with the same --preload would ask about (BenchRun.PrepareQueriesAsync).
            var known = settings.Preload == 0 ? BenchRun.TargetsWithoutPreload : settings.Preload;
            targets = QueryTargets.FromInteractions(source.Take(known), settings.Workload.ZipfExponent);
        }

        var random = WorkerRandom.Create(settings.Workload.Seed, 1)[0];
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        var prefix = new byte[5];
        for (long i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IMessage request = settings.Scenario switch
            {
                ScenarioKind.GetRelationship => QueryCalls.RelationshipRequest(targets, random),
                ScenarioKind.GetAccount => QueryCalls.AccountRequest(targets, random),
                ScenarioKind.TopRelationships => QueryCalls.TopRequest(targets, random),
                ScenarioKind.BatchGetRelationships => QueryCalls.BatchRequest(targets, random, settings.BatchSize),
                ScenarioKind.GetResponsiveness => QueryCalls.ResponsivenessRequest(targets, random),
                ScenarioKind.ListOpenExpectations => QueryCalls.OpenExpectationsRequest(targets, random),
                _ => throw new ArgumentException($"--emit-requests: {settings.Scenario} is not a query scenario", nameof(settings)),
            };
            BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)request.CalculateSize());
            await stream.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(request.ToByteArray(), cancellationToken).ConfigureAwait(false);
        }

        return (count, targets.PairCount, targets.AccountCount);
    }
}
