using System.Text.Json.Serialization;

namespace ScoringGrid.Scoring;

/// <summary>
/// Plain, serialiser-friendly copy of an <see cref="AccountState"/>: primitives, arrays and lists of plain
/// records. Responsiveness is stored as its retained raw events and re-derived on load.
/// Made by <see cref="AccountState.Save"/>, read by <see cref="AccountState.Load"/>.
/// </summary>
public sealed class AccountSnapshot
{
    /// <summary>The account id.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>Epoch of the decayed sums in half-lives from the landmark; null when nothing weighted was applied.</summary>
    public long? Epoch { get; set; }

    /// <summary>Engagement given relative to the epoch.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Given { get; set; }

    /// <summary>Engagement received relative to the epoch.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Received { get; set; }

    /// <summary>Given counts indexed by kind.</summary>
    public long[] GivenCounts { get; set; } = [];

    /// <summary>Received counts indexed by kind.</summary>
    public long[] ReceivedCounts { get; set; } = [];

    /// <summary>Sum of CONVERSION values given.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double ConversionValueGiven { get; set; }

    /// <summary>Sum of CONVERSION values received.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double ConversionValueReceived { get; set; }

    /// <summary>Earliest applied event, or null.</summary>
    public long? FirstEventMs { get; set; }

    /// <summary>Latest applied event, or null.</summary>
    public long? LastEventMs { get; set; }

    /// <summary>Responsiveness cutoff (events before it are not retained), or null.</summary>
    public long? ResponsivenessRetainedFromMs { get; set; }

    /// <summary>First retained Kaushik day (UTC day number), or null.</summary>
    public long? KaushikFirstRetainedDay { get; set; }

    /// <summary>Retained expectations (answered and open), oldest first.</summary>
    public List<ExpectationSnapshot> Expectations { get; set; } = [];

    /// <summary>Retained answering events, oldest first.</summary>
    public List<AnswerSnapshot> Answers { get; set; } = [];

    /// <summary>Followers, former followers and engagers.</summary>
    public List<FanSnapshot> Fans { get; set; } = [];

    /// <summary>Retained Kaushik day buckets, by day.</summary>
    public List<KaushikDaySnapshot> KaushikDays { get; set; } = [];
}
