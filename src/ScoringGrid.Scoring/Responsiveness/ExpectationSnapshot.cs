namespace ScoringGrid.Scoring;

/// <summary>An expectation in an <see cref="AccountSnapshot"/>.</summary>
public sealed class ExpectationSnapshot
{
    /// <summary>Who sent the MENTION or DIRECT_MESSAGE.</summary>
    public string Sender { get; set; } = "";

    /// <summary>When.</summary>
    public long OpenedAtMs { get; set; }

    /// <summary>Its event id.</summary>
    public string EventId { get; set; } = "";
}
