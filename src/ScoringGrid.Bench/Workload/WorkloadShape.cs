namespace ScoringGrid.Bench.Workload;

/// <summary>The parameters of the synthetic workload; equal shapes give equal interaction sequences (event ids aside, which carry <see cref="EventPrefix"/>).</summary>
public sealed record WorkloadShape
{
    /// <summary>Ordinary accounts (<c>u0</c>, <c>u1</c>, ...; <c>u0</c> the most active). Default 10,000.</summary>
    public int Accounts { get; init; } = 10_000;

    /// <summary>Brand accounts (<c>brand0</c>, ...) that receive most mentions and answer some of them. Default 5.</summary>
    public int Brands { get; init; } = 5;

    /// <summary>Distinct relationships among ordinary accounts that pair-wise interactions are drawn from. Default 50,000.</summary>
    public int Pairs { get; init; } = 50_000;

    /// <summary>Zipf exponent of account activity and pair popularity. Default 1.0.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Seed of every random choice. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Prefix of event ids (the sequence number follows); batch ids use it too.</summary>
    public string EventPrefix { get; init; } = "bench-";

    /// <summary>occurred_at of the first interaction, ms since the epoch. Default 2026-01-01T00:00:00Z.</summary>
    public long StartMs { get; init; } = DefaultStartMs;

    /// <summary>Interactions per second of event time (occurred_at advances by exponential gaps of this mean rate). Default 1,000.</summary>
    public double EventsPerSecond { get; init; } = 1_000;

    /// <summary>Share of the mentions that go to a brand (the rest go along a relationship). Default 0.8.</summary>
    public double BrandMentionShare { get; init; } = 0.8;

    /// <summary>Share of the mentions of a brand that the brand answers with a REPLY. Default 0.6; ordinary accounts answer half as often.</summary>
    public double ReplyRatio { get; init; } = 0.6;

    /// <summary>Mean delay, in event time, between a mention and its reply (exponentially distributed). Default 10 s.</summary>
    public TimeSpan ReplyDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>2026-01-01T00:00:00Z in ms since the epoch.</summary>
    public const long DefaultStartMs = 1_767_225_600_000;

    /// <summary>Checks the values; the message names the option.</summary>
    /// <returns>Problems found, each starting with the option's name.</returns>
    public IEnumerable<string> Problems()
    {
        if (Accounts < 2)
        {
            yield return $"--accounts: must be at least 2 (got {Accounts})";
        }

        if (Brands < 0)
        {
            yield return $"--brands: must be at least 0 (got {Brands})";
        }

        if (Pairs < 1)
        {
            yield return $"--pairs: must be at least 1 (got {Pairs})";
        }
        else if (Accounts >= 2 && Pairs > MaxPairs(Accounts))
        {
            yield return $"--pairs: {Pairs} distinct relationships need more accounts than --accounts {Accounts} (at most {MaxPairs(Accounts)})";
        }

        if (!(ZipfExponent >= 0) || ZipfExponent > 10)
        {
            yield return $"--zipf-s: must be between 0 and 10 (got {ZipfExponent})";
        }

        if (!(EventsPerSecond > 0) || double.IsInfinity(EventsPerSecond))
        {
            yield return $"--events-per-second: must be greater than 0 (got {EventsPerSecond})";
        }

        if (!(BrandMentionShare is >= 0 and <= 1))
        {
            yield return $"--brand-mentions: must be between 0 and 1 (got {BrandMentionShare})";
        }

        if (!(ReplyRatio is >= 0 and <= 1))
        {
            yield return $"--reply-ratio: must be between 0 and 1 (got {ReplyRatio})";
        }

        if (ReplyDelay < TimeSpan.Zero)
        {
            yield return $"--reply-delay: must not be negative (got {ReplyDelay})";
        }
    }

    /// <summary>The most distinct pairs that can be drawn among <paramref name="accounts"/> accounts, keeping some room for the random draw.</summary>
    /// <param name="accounts">Number of accounts.</param>
    public static long MaxPairs(long accounts) => accounts * (accounts - 1) / 4;
}
