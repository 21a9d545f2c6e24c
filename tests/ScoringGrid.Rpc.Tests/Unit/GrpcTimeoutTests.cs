namespace ScoringGrid.Rpc.Tests.Unit;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("20S", 20_000)]
    [InlineData("20100m", 20_100)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void Parses_every_unit(string value, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(milliseconds, timeout.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void Rejects_malformed_values(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(0.001)]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(20_000)]
    [InlineData(7_200_000)]
    [InlineData(864_000_000)]
    public void Format_fits_eight_digits_and_round_trips(double milliseconds)
    {
        var timeout = TimeSpan.FromMilliseconds(milliseconds);

        var text = GrpcTimeout.Format(timeout);

        Assert.InRange(text.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed));
        Assert.Equal(timeout, parsed);
    }

    [Fact]
    public void Format_rounds_down_to_the_finest_unit_that_fits()
    {
        // 100 s + 1 ns does not fit 8 digits of n or u; m is the finest unit that fits.
        Assert.Equal("100000m", GrpcTimeout.Format(TimeSpan.FromSeconds(100) + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Zero_or_negative_timeout_formats_as_the_smallest_positive_value() =>
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-5)));
}
