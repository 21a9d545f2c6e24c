using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>One account's share of an interaction in phase 3.</summary>
/// <param name="Account">The account's directory handle.</param>
/// <param name="Index">The interaction's index in the batch.</param>
/// <param name="IsActor">Whether the account is the actor (else the target).</param>
/// <param name="Keys">The pair's new ranking keys seen from the account.</param>
internal readonly record struct AccountUpdate(int Account, int Index, bool IsActor, RankingKeys Keys);
