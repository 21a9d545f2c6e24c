using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
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

    /// <summary>Creates the pipeline.</summary>
    public IngestPipeline(GrainRuntime runtime, TenantModels models, ScoringLimits limits, TimeProvider clock)
    {
        _runtime = runtime;
        _models = models;
        _settings = new IngestSettings(limits);
        _clock = clock;
    }

    /// <summary>Ingests one batch for a tenant.</summary>
    public async Task<IngestResponse> IngestAsync(string tenant, IngestRequest request, CancellationToken cancellationToken)
    {
        var count = request.Interactions.Count;
        if (count > _settings.Limits.MaxBatchSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"interactions: the batch has {count} items; the limit is {_settings.Limits.MaxBatchSize}."));
        }

        var model = _models.For(tenant);
        var batch = new IngestBatch(tenant, model, count, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        var first = new PartitionGroups<int>();
        for (var i = 0; i < count; i++)
        {
            var source = request.Interactions[i];
            if (source.Kind == V1.InteractionKind.Conversion && !source.HasValue)
            {
                batch.Reject(i, InteractionValidation.ValueField, "is required for CONVERSION");
                continue;
            }

            var interaction = ToInteraction(source);
            if (InteractionValidation.Validate(interaction, model, batch.NowMs) is { } problem)
            {
                batch.Reject(i, problem.Field, problem.Reason);
                continue;
            }

            batch.Items[i] = interaction;
            if (interaction.Kind == InteractionKind.Post)
            {
                batch.Owners[i] = GrainKeys.Account(tenant, interaction.Actor);
            }
            else
            {
                batch.Owners[i] = GrainKeys.Account(tenant, interaction.Target);
                batch.Actors[i] = GrainKeys.Account(tenant, interaction.Actor);
                batch.Relationships[i] = GrainKeys.Relationship(tenant, interaction.Actor, interaction.Target);
            }

            first.Add(_runtime.PartitionOf(batch.Owners[i]), i);
        }

        first.Post(batch, indices => new TargetPhase(batch, indices, _settings));
        batch.Join();
        await batch.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToResponse(request, batch);
    }

    private static Interaction ToInteraction(V1.Interaction source) => new(
        source.EventId,
        source.Actor,
        source.Target,
        (InteractionKind)(int)source.Kind,
        source.OccurredAt,
        source.InReplyTo.Length == 0 ? null : source.InReplyTo,
        source.HasValue ? source.Value : 0,
        source.HasSentiment ? source.Sentiment : null);

    private static IngestResponse ToResponse(IngestRequest request, IngestBatch batch)
    {
        var response = new IngestResponse { BatchId = request.BatchId };
        uint accepted = 0, duplicates = 0;
        for (var i = 0; i < batch.Outcomes.Length; i++)
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
                        EventId = request.Interactions[i].EventId,
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
