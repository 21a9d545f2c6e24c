namespace ScoringGrid.Scoring;

/// <summary>An answering event in an <see cref="AccountSnapshot"/>.</summary>
public sealed class AnswerSnapshot
{
    /// <summary>Who the REPLY or DIRECT_MESSAGE went to.</summary>
    public string Target { get; set; } = "";

    /// <summary>When.</summary>
    public long AnsweredAtMs { get; set; }

    /// <summary>Its event id.</summary>
    public string EventId { get; set; } = "";

    /// <summary>The in_reply_to it carried (REPLY only), or null.</summary>
    public string? InReplyTo { get; set; }
}
