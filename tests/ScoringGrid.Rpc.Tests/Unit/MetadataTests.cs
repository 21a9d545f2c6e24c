namespace ScoringGrid.Rpc.Tests.Unit;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_values_kept()
    {
        var metadata = new Metadata().Add("X-Custom", "value").Add("trace-bin", new byte[] { 1, 2, 3 });

        Assert.Equal("x-custom", metadata[0].Key);
        Assert.Equal("value", metadata.GetValue("x-custom"));
        Assert.Equal(new byte[] { 1, 2, 3 }, metadata.GetValueBytes("trace-bin"));
        Assert.True(metadata[1].IsBinary);
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-anything")]
    [InlineData(":path")]
    [InlineData("content-type")]
    [InlineData("te")]
    public void Reserved_keys_are_refused(string key) =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "x"));

    [Theory]
    [InlineData("has space")]
    [InlineData("ünicode")]
    [InlineData("")]
    public void Illegal_keys_are_refused(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "x"));

    [Fact]
    public void Binary_and_text_keys_must_match_their_values()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("text", "line\nbreak"));
    }

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    public void Base64_is_read_padded_or_not(string value, byte[] expected)
    {
        Assert.True(MetadataHeaders.TryDecodeBase64(value, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Base64_is_written_unpadded() => Assert.Equal("AQI", MetadataHeaders.EncodeBase64(new byte[] { 1, 2 }));

    [Fact]
    public void Malformed_base64_is_rejected() => Assert.False(MetadataHeaders.TryDecodeBase64("A", out _));
}
