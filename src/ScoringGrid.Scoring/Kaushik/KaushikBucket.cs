namespace ScoringGrid.Scoring;

/// <summary>One UTC day of an account's Kaushik counts.</summary>
internal struct KaushikBucket
{
    /// <summary>UTC day number (day 0 = 1970-01-01).</summary>
    public long Day;

    /// <summary>POSTs by the account.</summary>
    public int Posts;

    /// <summary>COMMENTs and REPLYs received.</summary>
    public int Conversations;

    /// <summary>SHAREs received.</summary>
    public int Shares;

    /// <summary>LIKEs received.</summary>
    public int Likes;

    /// <summary>CONVERSIONs received.</summary>
    public int Conversions;

    /// <summary>Sum of the values of the CONVERSIONs received.</summary>
    public double Value;
}
