namespace ScoringGrid.Scoring.Tests;

/// <summary>The managed log2 and 2^f that forward decay uses, against the C library's.</summary>
public class Base2Tests
{
    private static double UlpsBetween(double actual, double expected)
    {
        double magnitude = Math.Abs(expected);
        return Math.Abs(actual - expected) / (Math.BitIncrement(magnitude) - magnitude);
    }

    [Fact]
    public void Log2_is_within_four_units_in_the_last_place_of_the_library_across_the_range()
    {
        var random = new Random(11);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = i % 2 == 0
                ? Math.ScaleB(1 + random.NextDouble(), random.Next(-1020, 1020))
                : 1 + (random.NextDouble() - 0.5) * Math.ScaleB(1, -random.Next(0, 50)); // near 1, where log2 is near 0
            double expected = Math.Log2(x);
            if (expected != 0)
            {
                worst = Math.Max(worst, UlpsBetween(Base2.Log2(x), expected));
            }
        }

        Assert.InRange(worst, 0, 4);
    }

    [Fact]
    public void Log2_of_a_power_of_two_is_exact()
    {
        for (int e = -1022; e <= 1023; e++)
        {
            Assert.Equal(e, Base2.Log2(Math.ScaleB(1.0, e)));
        }
    }

    [Fact]
    public void Log2_never_decreases_from_one_double_to_the_next()
    {
        var random = new Random(12);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.ScaleB(0.7 + random.NextDouble(), random.Next(-60, 60));
            Assert.True(Base2.Log2(Math.BitIncrement(x)) >= Base2.Log2(x), $"log2 decreased after {x:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(4.9406564584124654E-324)] // the smallest subnormal
    [InlineData(1e-310)]
    public void Log2_of_inputs_outside_the_positive_normals_matches_the_library(double x)
    {
        Assert.Equal(Math.Log2(x), Base2.Log2(x));
    }

    [Fact]
    public void Exp2_of_a_fraction_is_within_two_units_in_the_last_place_of_the_library()
    {
        var random = new Random(13);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double f = random.NextDouble() - 0.5;
            worst = Math.Max(worst, UlpsBetween(Base2.Exp2OfFraction(f), Math.Pow(2.0, f)));
        }

        Assert.InRange(worst, 0, 2);
        Assert.Equal(1.0, Base2.Exp2OfFraction(0));
        Assert.Equal(Math.Sqrt(0.5), Base2.Exp2OfFraction(-0.5), 15);
    }

    [Fact]
    public void A_key_turned_back_into_a_value_gives_the_value()
    {
        var random = new Random(14);
        const long halfLife = 14 * TimeUnits.Day;
        for (int i = 0; i < 10_000; i++)
        {
            var pair = DecayedPair.Empty;
            long at = ForwardDecay.LandmarkMs + (long)(random.NextDouble() * 4000 * TimeUnits.Day);
            double weight = 0.01 + random.NextDouble() * 100;
            pair.Add(toSecond: false, weight, at, halfLife);
            double value = ForwardDecay.KeyToValue(pair.Key(pair.First), at, halfLife);
            Assert.Equal(weight, value, weight * 1e-12);
        }
    }
}
