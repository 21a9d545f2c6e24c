using System.Collections.Concurrent;
using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Client.Tests.Fixtures;

/// <summary>
/// A scripted stand-in for the ScoringGrid services, on the same method descriptors: it fails
/// calls with chosen status codes, never answers when asked to, and records the deadline and
/// headers each call arrived with.
/// </summary>
public sealed class FakeScoringService
{
    private int _getAccountCalls;
    private int _upsertCalls;
    private int _ingestCalls;
    private int _ingestStreamCalls;

    /// <summary>Statuses GetAccount fails with, one per call, before it answers.</summary>
    public ConcurrentQueue<StatusCode> GetAccountFailures { get; } = new();

    /// <summary>Statuses Ingest fails with, one per call, before it answers.</summary>
    public ConcurrentQueue<StatusCode> IngestFailures { get; } = new();

    /// <summary>Status every UpsertAccount call fails with.</summary>
    public StatusCode UpsertStatus { get; set; } = StatusCode.Unavailable;

    /// <summary>How many IngestStream calls read one batch and then fail with UNAVAILABLE, before calls ack normally.</summary>
    public int IngestStreamFailuresBeforeAck { get; set; }

    /// <summary>When set, every IngestStream call reads one batch and fails with this status.</summary>
    public StatusCode? IngestStreamStatus { get; set; }

    /// <summary>Calls seen.</summary>
    public int GetAccountCalls => Volatile.Read(ref _getAccountCalls);

    /// <summary>Calls seen.</summary>
    public int UpsertCalls => Volatile.Read(ref _upsertCalls);

    /// <summary>Calls seen.</summary>
    public int IngestCalls => Volatile.Read(ref _ingestCalls);

    /// <summary>Calls seen.</summary>
    public int IngestStreamCalls => Volatile.Read(ref _ingestStreamCalls);

    /// <summary>Batch ids acked by IngestStream, in order.</summary>
    public ConcurrentQueue<string> AckedBatches { get; } = new();

    /// <summary>The deadline (UTC, DateTime.MaxValue for none), grpc-timeout header and authorization of each call, by method name.</summary>
    public ConcurrentQueue<(string Method, DateTime Deadline, string? Timeout, string? Authorization)> Calls { get; } = new();

    /// <summary>Completed when GetAccountScore (which never answers) has started.</summary>
    public TaskCompletionSource ScoreCallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when GetAccountScore (which never answers) sees its call cancelled.</summary>
    public TaskCompletionSource<StatusCode> ScoreCallEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ServerServiceDefinition BindAccountService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.AccountService)
            .AddMethod(ScoringGridMethods.GetAccount, (GetAccountRequest request, ServerCallContext context) =>
            {
                Record("GetAccount", context);
                Interlocked.Increment(ref _getAccountCalls);
                if (GetAccountFailures.TryDequeue(out var code))
                {
                    throw new RpcException(new Status(code, "scripted failure"));
                }

                return Task.FromResult(new Account { AccountId = request.AccountId, DisplayName = "fake" });
            })
            .AddMethod(ScoringGridMethods.UpsertAccount, (UpsertAccountRequest _, ServerCallContext context) =>
            {
                Record("UpsertAccount", context);
                Interlocked.Increment(ref _upsertCalls);
                throw new RpcException(new Status(UpsertStatus, "scripted failure"));
            })
            .Build();

    public ServerServiceDefinition BindScoreService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.ScoreService)
            .AddMethod(ScoringGridMethods.GetAccountScore, async (GetAccountScoreRequest _, ServerCallContext context) =>
            {
                Record("GetAccountScore", context);
                ScoreCallStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    ScoreCallEnded.TrySetResult(context.Status.StatusCode);
                    throw;
                }

                return new AccountScore();
            })
            .Build();

    public ServerServiceDefinition BindIngestService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.IngestService)
            .AddMethod(ScoringGridMethods.Ingest, (IngestRequest request, ServerCallContext context) =>
            {
                Record("Ingest", context);
                Interlocked.Increment(ref _ingestCalls);
                if (IngestFailures.TryDequeue(out var code))
                {
                    throw new RpcException(new Status(code, "scripted failure"));
                }

                return Task.FromResult(new IngestResponse { BatchId = request.BatchId, Accepted = (uint)request.Interactions.Count });
            })
            .AddMethod(ScoringGridMethods.IngestStream, async (requests, responses, context) =>
            {
                Record("IngestStream", context);
                var call = Interlocked.Increment(ref _ingestStreamCalls);
                var fail = IngestStreamStatus ?? (call <= IngestStreamFailuresBeforeAck ? StatusCode.Unavailable : (StatusCode?)null);
                while (await requests.MoveNext(context.CancellationToken))
                {
                    if (fail is { } status)
                    {
                        throw new RpcException(new Status(status, "scripted stream failure"));
                    }

                    var batch = requests.Current;
                    AckedBatches.Enqueue(batch.BatchId);
                    await responses.WriteAsync(new IngestResponse { BatchId = batch.BatchId, Accepted = (uint)batch.Interactions.Count });
                }
            })
            .Build();

    private void Record(string method, ServerCallContext context)
    {
        var headers = context.GetHttpContext().Request.Headers;
        Calls.Enqueue((method, context.Deadline, headers["grpc-timeout"].FirstOrDefault(), headers.Authorization.FirstOrDefault()));
    }
}
