namespace ScoringGrid.Scoring;

/// <summary>
/// The two transcendental functions forward decay needs, <c>log2(x)</c> and <c>2^f</c> for a small
/// fraction, in managed code: a short series each, within a few units in the last place of the
/// C library's results.
/// </summary>
/// <remarks>
/// Every applied interaction evaluates both (a relationship's three ranking keys, each event's
/// forward weight). Calling the C library's <c>log2</c> / <c>pow</c> from JIT-compiled code costs far
/// more than the arithmetic on processors with 512-bit vectors: the library's entry points use legacy
/// SSE encodings, and the upper register state the JIT's wide vector code leaves behind makes each
/// call stall (measured: 11 % of the server's CPU under ingest went to <c>log2</c> alone). These
/// versions stay in the JIT's own encoding.
/// </remarks>
internal static class Base2
{
    private const double Sqrt2 = 1.4142135623730951;
    private const double InverseLn2 = 1.4426950408889634;
    private const double Ln2 = 0.69314718055994531;
    private const long MantissaMask = 0x000F_FFFF_FFFF_FFFFL;
    private const long ExponentOfOne = 0x3FF0_0000_0000_0000L;

    /// <summary>
    /// <c>log2(x)</c>. For a positive normal <paramref name="x"/>: <c>x = m·2^e</c> with
    /// <c>m</c> in (√½, √2], and <c>ln m = 2·atanh(s)</c>, <c>s = (m − 1)/(m + 1)</c>, <c>|s| ≤ 0.172</c>,
    /// summed to 1e-18. Zero, negative, subnormal, infinite and NaN inputs go to <see cref="Math.Log2"/>.
    /// </summary>
    public static double Log2(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)(bits >> 52);
        if (bits <= 0 || biased == 0 || biased >= 0x7FF)
        {
            return Math.Log2(x);
        }

        int e = biased - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & MantissaMask) | ExponentOfOne);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        double s = (m - 1.0) / (m + 1.0);
        double z = s * s;
        // atanh(s)/s = 1 + z/3 + z²/5 + … ; the first omitted term, z¹¹/23, is below 1e-18.
        double series = 1.0 / 21;
        series = 1.0 / 19 + z * series;
        series = 1.0 / 17 + z * series;
        series = 1.0 / 15 + z * series;
        series = 1.0 / 13 + z * series;
        series = 1.0 / 11 + z * series;
        series = 1.0 / 9 + z * series;
        series = 1.0 / 7 + z * series;
        series = 1.0 / 5 + z * series;
        series = 1.0 / 3 + z * series;
        double lnM = 2.0 * s + 2.0 * s * (z * series);
        return e + lnM * InverseLn2;
    }

    /// <summary>
    /// <c>2^f</c> for <paramref name="fraction"/> in [−½, ½]: <c>e^y</c> with <c>y = f·ln 2</c>,
    /// <c>|y| ≤ 0.347</c>, by its Taylor series to 1e-17. Exactly 1 for 0.
    /// </summary>
    public static double Exp2OfFraction(double fraction)
    {
        double y = fraction * Ln2;
        double series = 1.0 / 87178291200;      // 1/14!
        series = 1.0 / 6227020800 + y * series; // 1/13!
        series = 1.0 / 479001600 + y * series;
        series = 1.0 / 39916800 + y * series;
        series = 1.0 / 3628800 + y * series;
        series = 1.0 / 362880 + y * series;
        series = 1.0 / 40320 + y * series;
        series = 1.0 / 5040 + y * series;
        series = 1.0 / 720 + y * series;
        series = 1.0 / 120 + y * series;
        series = 1.0 / 24 + y * series;
        series = 1.0 / 6 + y * series;
        series = 0.5 + y * series;
        series = 1.0 + y * series;
        return 1.0 + y * series;
    }
}
