namespace ScoringGrid.Server.Grains;

/// <summary>The attributes a client keeps on an account.</summary>
public sealed class AccountAttributes
{
    /// <summary>Display name.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Segment, as the proto's enum number.</summary>
    public int Segment { get; set; }

    /// <summary>Topics of interest.</summary>
    public List<string> Topics { get; set; } = new();

    /// <summary>When they were last written, ms since the epoch.</summary>
    public long UpdatedAtMs { get; set; }
}
