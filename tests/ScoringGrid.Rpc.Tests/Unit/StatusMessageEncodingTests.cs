using FsCheck;
using FsCheck.Fluent;

namespace ScoringGrid.Rpc.Tests.Unit;

public sealed class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Encodes_non_printable_bytes_and_percent(string value, string expected) =>
        Assert.Equal(expected, StatusMessageEncoding.Encode(value));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%G1", "%G1")]
    [InlineData("abc%4", "abc%4")]
    [InlineData("%41%42", "AB")]
    public void Decoding_is_lenient_with_malformed_escapes(string value, string expected) =>
        Assert.Equal(expected, StatusMessageEncoding.Decode(value));

    [Fact]
    public void Encoded_text_is_printable_ascii_and_round_trips() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), value =>
        {
            var text = value ?? string.Empty;
            if (text.Any(char.IsSurrogate) && !IsWellFormed(text))
            {
                return true;
            }

            var encoded = StatusMessageEncoding.Encode(text);
            return encoded.All(c => c is >= ' ' and <= '~') && StatusMessageEncoding.Decode(encoded) == text;
        }).QuickCheckThrowOnFailure();

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
