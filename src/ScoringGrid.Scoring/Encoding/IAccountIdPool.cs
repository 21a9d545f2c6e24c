namespace ScoringGrid.Scoring;

/// <summary>
/// The strings of account ids already in memory: a state read from its stored form names other
/// accounts (fans, counterparts) by the pool's strings instead of copies of its own.
/// </summary>
public interface IAccountIdPool
{
    /// <summary>The pool's string equal to <paramref name="id"/> (added when new).</summary>
    string Intern(ReadOnlySpan<char> id);
}
