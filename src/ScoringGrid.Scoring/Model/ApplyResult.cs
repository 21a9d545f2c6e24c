namespace ScoringGrid.Scoring;

/// <summary>Outcome of applying an interaction to an <see cref="AccountState"/>.</summary>
public enum ApplyResult : byte
{
    /// <summary>The interaction was applied.</summary>
    Applied = 0,

    /// <summary>
    /// Rejected, nothing changed: it would open one more expectation than
    /// <see cref="ScoringModel.MaxOpenExpectationsPerAccount"/> allows. Map to RESOURCE_EXHAUSTED.
    /// </summary>
    ExpectationLimitExceeded = 1,
}
