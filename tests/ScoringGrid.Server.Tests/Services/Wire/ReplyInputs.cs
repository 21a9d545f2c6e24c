using ScoringGrid.Scoring;
using ScoringGrid.Server.Services.Wire;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>The arguments of a <see cref="RelationshipReply"/>.</summary>
internal sealed record ReplyInputs(RelationshipRecord Record, bool FirstIsA, string First, string Second, int? RankForFirst, int? RankForSecond, long AsOf, ScoringModel Model)
{
    public RelationshipReply Construct() => new(Record, FirstIsA, First, Second, RankForFirst, RankForSecond, AsOf, Model);

    public RelationshipReply Rent() => RelationshipReply.Rent(Record, FirstIsA, First, Second, RankForFirst, RankForSecond, AsOf, Model);
}
