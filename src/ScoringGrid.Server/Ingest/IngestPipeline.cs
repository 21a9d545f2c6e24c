using System.Buffers;
using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Persistence;
using ScoringGrid.V1;
using Interaction = ScoringGrid.Scoring.Interaction;
using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Ingest;

/// <summary>
/// Takes a batch of interactions through the grains: validation here (a bad item is rejected
/// alone, with its field and reason), then three phases on the partitions that own the grains
/// involved — target account (deduplication, expectations), relationship, accounts (actor,
/// ranking) — and answers once every item is settled.
/// </summary>
public sealed class IngestPipeline
{
    private readonly GrainRuntime _runtime;
    private readonly TenantModels _models;
    private readonly IngestSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ChangeJournal _journal;
    private readonly TurnSequence _appendTurns = new();
    private readonly TurnSequence _applyTurns = new();
    private long _tickets;

    /// <summary>Creates the pipeline.</summary>
    public IngestPipeline(GrainRuntime runtime, TenantModels models, ScoringLimits limits, TimeProvider clock, ChangeJournal journal, AccountDirectory directory, RelationshipGrainType relationships)
    {
        _runtime = runtime;
        _models = models;
        _settings = new IngestSettings(limits, journal.Options.IsDurable, directory, relationships);
        _clock = clock;
        _journal = journal;
    }

    /// <summary>
    /// Ingests one batch for a tenant. With durable storage: first every grain the batch touches is
    /// activated (reading storage where needed), so a storage outage refuses the batch before
    /// anything of it is logged or applied; then the batch is made durable in the write-ahead log;
    /// then applied. It answers once applied. Batches are logged in the order their calls arrived
    /// (on a stream, the order they were sent) and applied in log order, so a replay reaches the
    /// state the live server answered from. Once logged, the batch is applied even if the caller
    /// gives up; should applying it fail all the same, memory has diverged from the log and the
    /// server stops taking changes until a restart replays the log.
    /// </summary>
    /// <remarks>The pipeline owns <paramref name="request"/> and disposes of it once it has answered.</remarks>
    public async Task<IngestResponse> IngestAsync(string tenant, IngestWireRequest request, CancellationToken cancellationToken)
    {
        using var owned = request;
        var count = request.Count;
        if (count > _settings.Limits.MaxBatchSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"interactions: the batch has {count} items; the limit is {_settings.Limits.MaxBatchSize}."));
        }

        _journal.Health.ThrowIfUnavailable();
        var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = Prepare(tenant, request, nowMs);
        var ticket = Interlocked.Increment(ref _tickets) - 1;
        var appendTurn = TurnState.Waiting;
        var applyTurn = TurnState.Waiting;
        try
        {
            if (_settings.Durable)
            {
                try
                {
                    await ActivateAsync(batch).ConfigureAwait(false);
                }
                catch (StorageUnavailableException e)
                {
                    _journal.Health.ReportUnavailable(e.Message);
                    throw StorageHealth.Unavailable(e.Message);
                }
            }

            await _appendTurns.WaitAsync(ticket).ConfigureAwait(false);
            appendTurn = TurnState.Holding;
            using var pass = await _journal.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            var appended = _journal.AppendAsync(LogRecordKind.Ingest, tenant, nowMs, request.PayloadMemory, CancellationToken.None);
            _appendTurns.End(ticket);
            appendTurn = TurnState.Ended;
            batch.LogPosition = await appended.ConfigureAwait(false);

            await _applyTurns.WaitAsync(ticket).ConfigureAwait(false);
            applyTurn = TurnState.Holding;
            Task<IngestResponse> applied;
            try
            {
                applied = RunAsync(request, batch);
            }
            finally
            {
                _applyTurns.End(ticket);
                applyTurn = TurnState.Ended;
            }

            try
            {
                return await applied.ConfigureAwait(false);
            }
            catch (Exception e) when (_settings.Durable)
            {
                _journal.Health.ReportDiverged($"batch at log position {batch.LogPosition}: {e.Message}");
                throw StorageHealth.Unavailable(e.Message);
            }
        }
        finally
        {
            Release(_appendTurns, ticket, appendTurn);
            Release(_applyTurns, ticket, applyTurn);
        }
    }

    /// <summary>Gives up a batch's turn it did not end: ends it when held, passes it when still to come.</summary>
    private static void Release(TurnSequence turns, long ticket, TurnState state)
    {
        if (state == TurnState.Holding)
        {
            turns.End(ticket);
        }
        else if (state == TurnState.Waiting)
        {
            _ = turns.PassAsync(ticket);
        }
    }

    private enum TurnState
    {
        Waiting,
        Holding,
        Ended,
    }

    /// <summary>
    /// Applies a batch accepted at <paramref name="nowMs"/> and logged at <paramref name="logPosition"/>
    /// (replayed by recovery): validation, deduplication, and the three grain phases.
    /// </summary>
    /// <remarks>The pipeline owns <paramref name="request"/> and disposes of it once it has answered.</remarks>
    public async Task<IngestResponse> ApplyAsync(string tenant, IngestWireRequest request, long nowMs, long logPosition)
    {
        using var owned = request;
        var batch = Prepare(tenant, request, nowMs);
        batch.LogPosition = logPosition;
        return await RunAsync(request, batch).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates every item (a bad one is rejected alone), names its accounts by directory handle
    /// and routes it: the batch, ready for its phases. Ids are read from the request's bytes; the
    /// only strings made are those the state keeps (a new account's id, the event id of a MENTION,
    /// REPLY or DIRECT_MESSAGE, a REPLY's in_reply_to), so an item's EventId is empty otherwise.
    /// </summary>
    private IngestBatch Prepare(string tenant, IngestWireRequest request, long nowMs)
    {
        var count = request.Count;
        var model = _models.For(tenant);
        var batch = new IngestBatch(tenant, model, count, nowMs);
        var directory = _settings.Directory;
        var accounts = directory.For(tenant);
        var maxBytes = model.MaxIdBytes;
        var chars = ArrayPool<char>.Shared.Rent(maxBytes); // an id within the limit has at most that many chars
        var hashes = ArrayPool<uint>.Shared.Rent(2 * count); // per item: the actor's and the target's index hash
        try
        {
            // Validation first; the ids of the valid items hashed, and their lookups hinted in steps
            // (index slot, directory entry, id), each step for the whole batch, so the lookups' loads
            // from memory overlap (AccountIndex.Prefetch).
            for (var i = 0; i < count; i++)
            {
                ref readonly var source = ref request[i];
                if (source.Kind == (int)InteractionKind.Conversion && !source.HasValue)
                {
                    batch.Reject(i, InteractionValidation.ValueField, "is required for CONVERSION");
                    continue;
                }

                var facts = request.Facts(i, maxBytes);
                if (InteractionValidation.Validate(facts, model, nowMs) is { } problem)
                {
                    batch.Reject(i, problem.Field, problem.Reason);
                    continue;
                }

                hashes[2 * i] = TenantAccounts.Hash(TenantAccounts.DecodeId(request.Utf8(source.Actor), chars));
                if (source.Kind != (int)InteractionKind.Post)
                {
                    hashes[(2 * i) + 1] = TenantAccounts.Hash(TenantAccounts.DecodeId(request.Utf8(source.Target), chars));
                }
            }

            for (var step = 0; step < TenantAccounts.PrefetchSteps; step++)
            {
                for (var i = 0; i < count; i++)
                {
                    if (batch.Outcomes[i] != ItemOutcome.Rejected)
                    {
                        accounts.Prefetch(hashes[2 * i], step);
                        if (request[i].Kind != (int)InteractionKind.Post)
                        {
                            accounts.Prefetch(hashes[(2 * i) + 1], step);
                        }
                    }
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (batch.Outcomes[i] == ItemOutcome.Rejected)
                {
                    continue;
                }

                ref readonly var source = ref request[i];
                var kind = (InteractionKind)source.Kind;
                var eventId = TenantAccounts.DecodeId(request.Utf8(source.EventId), chars);
                batch.EventHashes[i] = EventHashes.Of(accounts.EventSeed, eventId);
                var keptEventId = InteractionKinds.OpensExpectation(kind) || InteractionKinds.Answers(kind) ? eventId.ToString() : "";
                var inReplyTo = kind == InteractionKind.Reply && source.InReplyTo.Length > 0 ? request.String(source.InReplyTo) : null;
                var value = source.HasValue ? source.Value : 0;
                double? sentiment = source.HasSentiment ? source.Sentiment : null;

                // Every string the state keeps refers to the directory's one instance per account.
                var actor = accounts.GetOrAdd(TenantAccounts.DecodeId(request.Utf8(source.Actor), chars), hashes[2 * i]);
                batch.Actors[i] = actor;
                ref readonly var actorEntry = ref directory[actor];
                if (kind == InteractionKind.Post)
                {
                    batch.Items[i] = new Interaction(keptEventId, actorEntry.Id, "", kind, source.OccurredAt, inReplyTo, value, sentiment);
                    batch.Owners[i] = actorEntry.GrainId;
                    batch.Targets[i] = -1;
                }
                else
                {
                    var target = accounts.GetOrAdd(TenantAccounts.DecodeId(request.Utf8(source.Target), chars), hashes[(2 * i) + 1]);
                    ref readonly var targetEntry = ref directory[target];
                    batch.Items[i] = new Interaction(keptEventId, actorEntry.Id, targetEntry.Id, kind, source.OccurredAt, inReplyTo, value, sentiment);
                    batch.Targets[i] = target;
                    batch.Owners[i] = targetEntry.GrainId;
                    batch.Relationships[i] = new RelationshipKey(actor, target);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<uint>.Shared.Return(hashes);
        }

        return batch;
    }

    /// <summary>Phase 0: activates every grain of the batch on its partition; fails when storage cannot be read.</summary>
    private Task ActivateAsync(IngestBatch batch)
    {
        var directory = _settings.Directory;
        var groups = new PartitionGroups<GrainToActivate>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Outcomes[i] == ItemOutcome.Rejected)
            {
                continue;
            }

            var actor = batch.Actors[i];
            groups.Add(_runtime.PartitionOf(directory[actor].GrainId.StableHash), GrainToActivate.Account(actor));
            var target = batch.Targets[i];
            if (target >= 0)
            {
                groups.Add(_runtime.PartitionOf(directory[target].GrainId.StableHash), GrainToActivate.Account(target));
                var pair = batch.Relationships[i];
                groups.Add(_runtime.PartitionOf(_settings.Relationships.PlacementHash(pair)), GrainToActivate.Relationship(pair));
            }
        }

        var round = new PhaseRound();
        groups.Post(round, grains => new ActivationPhase(round, grains, _settings));
        round.Join();
        return round.Completion;
    }

    /// <summary>Phases 1 to 3 of a prepared batch; answers once every item is settled.</summary>
    private async Task<IngestResponse> RunAsync(IngestWireRequest request, IngestBatch batch)
    {
        var first = new PartitionGroups<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Outcomes[i] != ItemOutcome.Rejected)
            {
                first.Add(_runtime.PartitionOf(batch.Owners[i]), i);
            }
        }

        first.Post(batch.Round, indices => new TargetPhase(batch, indices, _settings));
        batch.Round.Join();
        await batch.Round.Completion.ConfigureAwait(false);
        var response = ToResponse(request, batch);
        batch.Release();
        return response;
    }

    /// <summary>Takes, on every partition, the event ids added since the last checkpoint.</summary>
    internal Task<AddedKeys[]> TakeAddedKeysAsync() =>
        _runtime.OnEveryPartitionAsync(p => new ValueTask<AddedKeys>(p.GetLocal(_settings.CreateDeduplicator).TakeAdded()));

    /// <summary>Puts back the ids a failed checkpoint took.</summary>
    internal Task ReturnAddedKeysAsync(AddedKeys[] keys) =>
        OnEveryDeduplicatorAsync((deduplicator, partition) => deduplicator.ReturnAdded(keys[partition]));

    /// <summary>Gives every partition back the memory of the ids a checkpoint has written (see <see cref="EventDeduplicator.Recycle"/>).</summary>
    internal Task RecycleAddedKeysAsync(AddedKeys[] keys) =>
        OnEveryDeduplicatorAsync((deduplicator, partition) => deduplicator.Recycle(keys[partition]));

    /// <summary>Runs <paramref name="action"/> on every partition's dedupe window, in a turn of that partition (given its index).</summary>
    private Task OnEveryDeduplicatorAsync(Action<EventDeduplicator, int> action) =>
        _runtime.OnEveryPartitionAsync(p =>
        {
            action(p.GetLocal(_settings.CreateDeduplicator), p.Index);
            return new ValueTask<bool>(true);
        });

    /// <summary>Restores stored event ids into the deduplicator of their owner's partition (at start).</summary>
    internal Task RestoreKeysAsync(IReadOnlyList<IdempotencyKey> keys, long nowMs)
    {
        var byPartition = new List<IdempotencyKey>[_runtime.Partitions.Count];
        foreach (var key in keys)
        {
            (byPartition[_runtime.PartitionOf(key.OwnerHash).Index] ??= new List<IdempotencyKey>()).Add(key);
        }

        return _runtime.OnEveryPartitionAsync(p =>
        {
            var deduplicator = p.GetLocal(_settings.CreateDeduplicator);
            if (byPartition[p.Index] is { } mine)
            {
                mine.Sort(static (x, y) => x.SeenAtMs.CompareTo(y.SeenAtMs));
                foreach (var key in mine)
                {
                    deduplicator.Restore(key.Hash, key.SeenAtMs, nowMs);
                }
            }

            return new ValueTask<bool>(true);
        });
    }

    private static IngestResponse ToResponse(IngestWireRequest request, IngestBatch batch)
    {
        var response = new IngestResponse { BatchId = request.BatchId };
        uint accepted = 0, duplicates = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            switch (batch.Outcomes[i])
            {
                case ItemOutcome.Accepted:
                    accepted++;
                    break;
                case ItemOutcome.Duplicate:
                    duplicates++;
                    break;
                case ItemOutcome.Rejected:
                    var rejection = batch.Rejections[i];
                    response.Rejected.Add(new RejectedInteraction
                    {
                        Index = (uint)i,
                        EventId = request.String(request[i].EventId),
                        Field = rejection.Field,
                        Reason = rejection.Reason,
                        Code = (int)rejection.Code,
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Item {i} of the batch was never settled.");
            }
        }

        response.Accepted = accepted;
        response.Duplicates = duplicates;
        return response;
    }
}
