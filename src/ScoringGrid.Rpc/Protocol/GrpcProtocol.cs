namespace ScoringGrid.Rpc;

/// <summary>Names and constants of the gRPC-over-HTTP/2 protocol.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>The encodings this implementation reads, as advertised in <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>Length of the prefix of each message: compressed flag and 4-byte big-endian length.</summary>
    public const int MessagePrefixLength = 5;

    /// <summary>Default largest message a receiver accepts: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    private static readonly string[] StatusStrings = CreateStatusStrings();

    /// <summary>The decimal string of a status code without allocating.</summary>
    public static string StatusCodeString(StatusCode code)
    {
        var value = (int)code;
        return (uint)value < (uint)StatusStrings.Length ? StatusStrings[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a content-type is a gRPC one: <c>application/grpc</c> followed by nothing, '+' or ';'.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>Whether a comma-separated encoding list names an encoding.</summary>
    public static bool ListContains(string? list, string encoding)
    {
        if (string.IsNullOrEmpty(list))
        {
            return false;
        }

        foreach (var range in list.AsSpan().Split(','))
        {
            if (list.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] CreateStatusStrings()
    {
        var strings = new string[17];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return strings;
    }
}
