namespace ScoringGrid.Cli.Demo;

/// <summary>What loading the demo dataset did.</summary>
internal sealed record DemoLoad(int Accounts, int Interactions, long Accepted, long Duplicates, long Rejected, TimeSpan Elapsed);
