namespace ScoringGrid.Rpc.Tests.Fixtures;

/// <summary>Every call in the tests carries a deadline; these are the bounds.</summary>
public static class TestTimeouts
{
    /// <summary>Deadline of an ordinary call.</summary>
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(20);

    /// <summary>Bound on waiting for something the test expects to happen.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Call options with the ordinary deadline.</summary>
    public static ScoringGrid.Rpc.Client.CallOptions Options(Metadata? headers = null) =>
        new ScoringGrid.Rpc.Client.CallOptions(headers: headers).WithTimeout(Call);
}
