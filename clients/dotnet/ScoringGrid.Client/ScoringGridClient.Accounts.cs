using ScoringGrid.Contracts;
using ScoringGrid.V1;

namespace ScoringGrid.Client;

public sealed partial class ScoringGridClient
{
    /// <summary>
    /// Creates or replaces an account's attributes. Not retried: a retry after a lost answer
    /// would report <c>created = false</c> for an account this call created.
    /// </summary>
    /// <param name="request">The account; <c>account_id</c> is required.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<UpsertAccountResponse> UpsertAccountAsync(UpsertAccountRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.UpsertAccount, request, idempotent: false, settings, cancellationToken);

    /// <summary>Creates or replaces an account's attributes.</summary>
    /// <param name="account">The account; <c>AccountId</c> is required.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<UpsertAccountResponse> UpsertAccountAsync(Account account, CallSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return UpsertAccountAsync(new UpsertAccountRequest { Account = account }, settings, cancellationToken);
    }

    /// <summary>An account's attributes; NOT_FOUND when the account was never upserted nor seen in an interaction.</summary>
    /// <param name="request">The account asked for.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Account> GetAccountAsync(GetAccountRequest request, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ScoringGridMethods.GetAccount, request, idempotent: true, settings, cancellationToken);

    /// <summary>An account's attributes; NOT_FOUND when the account was never upserted nor seen in an interaction.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="settings">Per-call deadline and headers; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Account> GetAccountAsync(string accountId, CallSettings? settings = null, CancellationToken cancellationToken = default) =>
        GetAccountAsync(new GetAccountRequest { AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId)) }, settings, cancellationToken);
}
