namespace ScoringGrid.Bench.Tests.Fixtures;

/// <summary>Bounds on every test and every wait.</summary>
public static class TestTimeouts
{
    /// <summary>Whole-test timeout, in milliseconds, for [Fact(Timeout = ...)].</summary>
    public const int Test = 60_000;

    /// <summary>Whole-test timeout of a test that runs the load generator against a server.</summary>
    public const int Run = 120_000;

    /// <summary>Bound on waiting for something a test expects to happen.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
}
