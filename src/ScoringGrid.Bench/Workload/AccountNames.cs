using System.Globalization;

namespace ScoringGrid.Bench.Workload;

/// <summary>The account ids of the synthetic workload: <c>u{rank}</c> for ordinary accounts, <c>brand{n}</c> for brands.</summary>
public static class AccountNames
{
    /// <summary>The id of the ordinary account of a rank (0 is the most active).</summary>
    /// <param name="rank">0-based activity rank.</param>
    public static string Ordinary(long rank) => "u" + rank.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of a brand account.</summary>
    /// <param name="index">0-based brand number.</param>
    public static string Brand(int index) => "brand" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether an id is a brand's.</summary>
    /// <param name="account">An account id.</param>
    public static bool IsBrand(string account) => account.StartsWith("brand", StringComparison.Ordinal);
}
