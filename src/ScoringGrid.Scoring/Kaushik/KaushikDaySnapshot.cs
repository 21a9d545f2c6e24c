using System.Text.Json.Serialization;

namespace ScoringGrid.Scoring;

/// <summary>One UTC day of Kaushik counts in an <see cref="AccountSnapshot"/>.</summary>
public sealed class KaushikDaySnapshot
{
    /// <summary>UTC day number (day 0 = 1970-01-01).</summary>
    public long Day { get; set; }

    /// <summary>POSTs by the account.</summary>
    public int Posts { get; set; }

    /// <summary>COMMENTs and REPLYs received.</summary>
    public int Conversations { get; set; }

    /// <summary>SHAREs received.</summary>
    public int Shares { get; set; }

    /// <summary>LIKEs received.</summary>
    public int Likes { get; set; }

    /// <summary>CONVERSIONs received.</summary>
    public int Conversions { get; set; }

    /// <summary>Sum of the values of CONVERSIONs received.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Value { get; set; }
}
