using ScoringGrid.Contracts;
using System.Text;
using ScoringGrid.Rpc;
using ScoringGrid.Server.Auth;
using ScoringGrid.Server.Configuration;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Persistence;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Services;

/// <summary>scoringgrid.v1.AccountService: account attributes.</summary>
public sealed class AccountGrpcService(ApiKeyAuthenticator auth, ScoringGrainFactory grains, TenantModels models, ScoringLimits limits, TimeProvider clock, ChangeJournal journal)
{
    /// <summary>The service definition.</summary>
    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(ScoringGridMethods.AccountService, AccountsReflection.Descriptor.Services[0])
            .AddMethod(ScoringGridMethods.UpsertAccount, UpsertAccount)
            .AddMethod(ScoringGridMethods.GetAccount, GetAccount)
            .Build();

    /// <summary>UpsertAccount.</summary>
    public async Task<UpsertAccountResponse> UpsertAccount(UpsertAccountRequest request, ServerCallContext context)
    {
        var tenant = auth.Authenticate(context);
        var account = request.Account ?? throw RequestValidation.Invalid("account", "is required");
        var id = RequestValidation.AccountId(account.AccountId, "account.account_id", models.For(tenant).MaxIdBytes);
        if (Encoding.UTF8.GetByteCount(account.DisplayName) > limits.MaxDisplayNameBytes)
        {
            throw RequestValidation.Invalid("account.display_name", $"must be at most {limits.MaxDisplayNameBytes} UTF-8 bytes");
        }

        if (!Enum.IsDefined(account.Segment))
        {
            throw RequestValidation.Invalid("account.segment", $"{(int)account.Segment} is not a known segment");
        }

        if (account.Topics.Count > limits.MaxTopics)
        {
            throw RequestValidation.Invalid("account.topics", $"at most {limits.MaxTopics} topics");
        }

        for (var i = 0; i < account.Topics.Count; i++)
        {
            var topic = account.Topics[i];
            if (topic.Length == 0 || Encoding.UTF8.GetByteCount(topic) > limits.MaxTopicBytes)
            {
                throw RequestValidation.Invalid($"account.topics[{i}]", $"must be 1..{limits.MaxTopicBytes} UTF-8 bytes");
            }
        }

        journal.Health.ThrowIfUnavailable();
        if (journal.Options.IsDurable)
        {
            // Activate first: a storage outage refuses the upsert before it is logged.
            try
            {
                await grains.GetAccount(tenant, id).ExistsAsync().ConfigureAwait(false);
            }
            catch (ScoringGrid.Grains.StorageUnavailableException e)
            {
                journal.Health.ReportUnavailable(e.Message);
                throw StorageHealth.Unavailable(e.Message);
            }
        }

        using var pass = await journal.Gate.EnterAsync(context.CancellationToken).ConfigureAwait(false);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var position = await journal.AppendAsync(LogRecordKind.UpsertAccount, tenant, nowMs, request, CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await ApplyUpsertAsync(grains, tenant, request, nowMs).ConfigureAwait(false);
        }
        catch (Exception e) when (journal.Options.IsDurable)
        {
            journal.Health.ReportDiverged($"account upsert at log position {position}: {e.Message}");
            throw StorageHealth.Unavailable(e.Message);
        }
    }

    /// <summary>Applies a validated upsert accepted at <paramref name="nowMs"/> (live, or replayed by recovery).</summary>
    public static async Task<UpsertAccountResponse> ApplyUpsertAsync(ScoringGrainFactory grains, string tenant, UpsertAccountRequest request, long nowMs)
    {
        var account = request.Account;
        var attributes = new AccountAttributes
        {
            DisplayName = account.DisplayName,
            Segment = (int)account.Segment,
            Topics = account.Topics.ToList(),
            UpdatedAtMs = nowMs,
        };
        var created = await grains.GetAccount(tenant, account.AccountId).UpsertAttributesAsync(attributes).ConfigureAwait(false);
        return new UpsertAccountResponse { Account = ToProto(account.AccountId, attributes), Created = created };
    }

    /// <summary>GetAccount.</summary>
    public async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        var tenant = auth.Authenticate(context);
        var id = RequestValidation.AccountId(request.AccountId, "account_id", models.For(tenant).MaxIdBytes);
        var grain = grains.GetAccount(tenant, id);
        var attributes = await grain.GetAttributesAsync().ConfigureAwait(false);
        if (attributes is not null)
        {
            return ToProto(id, attributes);
        }

        return await grain.ExistsAsync().ConfigureAwait(false)
            ? new Account { AccountId = id }
            : throw RequestValidation.NotFound($"account '{id}' was never upserted nor seen in an interaction");
    }

    private static Account ToProto(string id, AccountAttributes attributes)
    {
        var account = new Account
        {
            AccountId = id,
            DisplayName = attributes.DisplayName,
            Segment = (Segment)attributes.Segment,
            UpdatedAt = attributes.UpdatedAtMs,
        };
        account.Topics.AddRange(attributes.Topics);
        return account;
    }
}
