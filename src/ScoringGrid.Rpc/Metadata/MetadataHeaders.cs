using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ScoringGrid.Rpc;

/// <summary>
/// Converts between <see cref="Metadata"/> and HTTP/2 header fields. Binary values are
/// base64: read padded or unpadded (and comma-separated), written unpadded.
/// </summary>
internal static class MetadataHeaders
{
    /// <summary>User metadata from request headers: reserved names are left out.</summary>
    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (Metadata.IsReservedKey(header.Key))
            {
                continue;
            }

            AddHeader(metadata, header.Key, header.Value);
        }

        return metadata;
    }

    /// <summary>Adds one header's values as metadata entries; a malformed one is skipped.</summary>
    public static void AddHeader(Metadata metadata, string key, StringValues values)
    {
        var binary = Metadata.Entry.IsBinaryKey(key);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (binary)
            {
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (TryDecodeBase64(part, out var bytes))
                    {
                        metadata.Add(new Metadata.Entry(key, bytes));
                    }
                }
            }
            else if (IsPrintableAscii(value))
            {
                metadata.Add(new Metadata.Entry(key, value));
            }
        }
    }

    /// <summary>Writes metadata into response headers or trailers.</summary>
    public static void WriteTo(Metadata metadata, IHeaderDictionary target)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? EncodeBase64(entry.ValueBytes) : entry.Value;
            target.Append(entry.Key, value);
        }
    }

    /// <summary>Unpadded base64, as gRPC senders should emit.</summary>
    public static string EncodeBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes base64 with or without padding.</summary>
    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        if (padding == 3)
        {
            bytes = Array.Empty<byte>();
            return false;
        }

        var padded = padding == 0 ? value : value + new string('=', padding);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            bytes = Array.Empty<byte>();
            return false;
        }
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
