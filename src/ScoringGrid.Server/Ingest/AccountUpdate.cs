using ScoringGrid.Grains;
using ScoringGrid.Rpc;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Ingest;

/// <summary>One account's share of an interaction in phase 3.</summary>
internal readonly record struct AccountUpdate(GrainId Account, int Index, bool IsActor, RankingKeys Keys);
