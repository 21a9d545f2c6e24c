namespace ScoringGrid.Cli.Demo;

/// <summary>The shape of a demo dataset.</summary>
/// <param name="Seed">Seeds every random choice.</param>
/// <param name="Audience">Audience accounts.</param>
/// <param name="Days">Days of history, ending now.</param>
/// <param name="Tag">Suffix of every id, so that each run makes its own accounts.</param>
/// <param name="Now">The end of the history.</param>
internal sealed record DemoSettings(int Seed, int Audience, int Days, string Tag, DateTimeOffset Now);
