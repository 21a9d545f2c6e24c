namespace ScoringGrid.Bench.Workload;

/// <summary>
/// Draws ranks from a Zipf distribution over <c>n</c> elements: rank <c>k</c> (0 for the most
/// popular) has probability proportional to <c>1 / (k + 1)^s</c>. Rejection-inversion sampling
/// (Hörmann and Derflinger), so it needs no table: O(1) memory and time per draw whatever
/// <c>n</c>. Immutable and thread-safe; the randomness comes from the caller's generator.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double _exponent;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralN;
    private readonly double _s;

    /// <summary>Creates a sampler.</summary>
    /// <param name="elements">Number of elements, at least 1.</param>
    /// <param name="exponent">The exponent <c>s</c>, at least 0 (0 is uniform; about 1 is typical of activity on social networks).</param>
    public ZipfSampler(long elements, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elements, 1);
        if (!(exponent >= 0) || double.IsInfinity(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The exponent must be a finite number at least 0.");
        }

        Elements = elements;
        _exponent = exponent;
        _hIntegralX1 = HIntegral(1.5) - 1.0;
        _hIntegralN = HIntegral(elements + 0.5);
        _s = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2));
    }

    /// <summary>Number of elements.</summary>
    public long Elements { get; }

    /// <summary>The exponent.</summary>
    public double Exponent => _exponent;

    /// <summary>The probability of a rank (0-based), computed exactly (O(n): for tests and reports, not for sampling).</summary>
    /// <param name="rank">0 to <see cref="Elements"/> - 1.</param>
    public double Probability(long rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Elements);
        double total = 0;
        for (long k = 1; k <= Elements; k++)
        {
            total += Math.Pow(k, -_exponent);
        }

        return Math.Pow(rank + 1, -_exponent) / total;
    }

    /// <summary>A rank, 0 (the most popular) to <see cref="Elements"/> - 1.</summary>
    /// <param name="random">The source of randomness.</param>
    public long Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var u = _hIntegralN + random.NextDouble() * (_hIntegralX1 - _hIntegralN);
            var x = HIntegralInverse(u);
            var k = (long)(x + 0.5);
            if (k < 1)
            {
                k = 1;
            }
            else if (k > Elements)
            {
                k = Elements;
            }

            if (k - x <= _s || u >= HIntegral(k + 0.5) - H(k))
            {
                return k - 1;
            }
        }
    }

    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return Helper2((1.0 - _exponent) * logX) * logX;
    }

    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    private double HIntegralInverse(double x)
    {
        var t = x * (1.0 - _exponent);
        if (t < -1.0)
        {
            t = -1.0;
        }

        return Math.Exp(Helper1(t) * x);
    }

    /// <summary>log(1 + x) / x, continuous at 0.</summary>
    private static double Helper1(double x) =>
        Math.Abs(x) > 1e-8 ? Math.Log(1.0 + x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - x * 0.25));

    /// <summary>(exp(x) - 1) / x, continuous at 0.</summary>
    private static double Helper2(double x) =>
        Math.Abs(x) > 1e-8 ? (Math.Exp(x) - 1.0) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + x * 0.25));
}
