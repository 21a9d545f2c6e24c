namespace ScoringGrid.Scoring;

/// <summary>
/// The relationship formulas of the design brief: reciprocity and strength from the two directional
/// engagements. Negative directional values (net UNFOLLOW) are clamped to 0 here, so both results are
/// non-negative; the directional values themselves are reported unclamped.
/// </summary>
public static class TieStrength
{
    /// <summary><c>2·min(x, y)/(x + y)</c> with x, y clamped to ≥ 0; 0 when the sum is 0. Symmetric, in [0, 1].</summary>
    /// <param name="aToB">Engagement one way.</param>
    /// <param name="bToA">Engagement the other way.</param>
    public static double Reciprocity(double aToB, double bToA)
    {
        double x = Math.Max(0, aToB);
        double y = Math.Max(0, bToA);
        double sum = x + y;
        if (!(sum > 0))
        {
            return 0;
        }

        return Math.Min(1.0, 2 * Math.Min(x, y) / sum);
    }

    /// <summary>
    /// <c>(x + y)·(0.5 + 0.5·reciprocity)</c> with x, y clamped to ≥ 0, which equals
    /// <c>0.5·(x + y) + min(x, y)</c>: one-way attention counts half. Never negative.
    /// </summary>
    /// <param name="aToB">Engagement one way.</param>
    /// <param name="bToA">Engagement the other way.</param>
    public static double Strength(double aToB, double bToA)
    {
        double x = Math.Max(0, aToB);
        double y = Math.Max(0, bToA);
        return 0.5 * (x + y) + Math.Min(x, y);
    }
}
