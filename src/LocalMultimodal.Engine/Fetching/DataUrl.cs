using System.Buffers.Text;
using System.Globalization;

namespace LocalMultimodal.Fetching;

/// <summary>Decodes <c>data:</c> URLs (RFC 2397), base64 or percent-encoded, without building a <see cref="Uri"/> (which caps length).</summary>
internal static class DataUrl
{
    public static FetchedMedia Decode(string url, long maxBytes)
    {
        var comma = url.IndexOf(',');
        if (comma < 0)
        {
            throw FetchErrors.Refuse(url, FetchRules.DataUrl, "a data: URL needs a ',' between the media type and the data.");
        }

        var (mediaType, isBase64) = ParseHeader(url, url["data:".Length..comma]);
        var payload = url.AsSpan(comma + 1);
        var data = isBase64 ? DecodeBase64(url, payload, maxBytes) : DecodePercent(url, payload, maxBytes);
        return new FetchedMedia(data, mediaType, Source: null);
    }

    private static (string? MediaType, bool IsBase64) ParseHeader(string url, string header)
    {
        var parts = header.Split(';');
        var isBase64 = parts.Length > 1 && parts[^1].Equals("base64", StringComparison.OrdinalIgnoreCase);
        if (parts.Length == 1 && parts[0].Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            return (null, true);
        }

        var parameters = parts.Skip(1).Take(parts.Length - (isBase64 ? 2 : 1));
        if (parameters.Any(p => p.IndexOf('=') <= 0))
        {
            throw FetchErrors.Refuse(url, FetchRules.DataUrl, "a data: URL parameter must be 'name=value' (only the last may be 'base64').");
        }

        var type = parts[0];
        if (type.Length == 0)
        {
            return (null, isBase64);
        }

        var slash = type.IndexOf('/');
        if (slash <= 0 || slash == type.Length - 1 || type.IndexOf('/', slash + 1) >= 0 || type.Any(c => c <= ' ' || c > '~'))
        {
            throw FetchErrors.Refuse(url, FetchRules.DataUrl, $"'{FetchErrors.Shorten(type)}' is not a media type such as 'image/png'.");
        }

        return (type.ToLowerInvariant(), isBase64);
    }

    private static byte[] DecodeBase64(string url, ReadOnlySpan<char> payload, long maxBytes)
    {
        // Check the size the payload decodes to before allocating for it.
        if ((long)payload.Length / 4 * 3 > maxBytes + 3)
        {
            throw TooLarge(url, maxBytes);
        }

        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(payload.Length)];
        if (!Convert.TryFromBase64Chars(payload, buffer, out var written))
        {
            throw FetchErrors.Refuse(url, FetchRules.DataUrl, "the data is not valid base64.");
        }

        return written <= maxBytes ? buffer[..written] : throw TooLarge(url, maxBytes);
    }

    private static byte[] DecodePercent(string url, ReadOnlySpan<char> payload, long maxBytes)
    {
        var output = new List<byte>(Math.Min(payload.Length, 4096));
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c == '%')
            {
                if (i + 2 >= payload.Length || !byte.TryParse(payload.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, null, out var b))
                {
                    throw FetchErrors.Refuse(url, FetchRules.DataUrl, $"bad percent-escape at data offset {i}.");
                }

                output.Add(b);
                i += 2;
            }
            else if (c < 0x80)
            {
                output.Add((byte)c);
            }
            else
            {
                throw FetchErrors.Refuse(url, FetchRules.DataUrl, $"non-ASCII character at data offset {i}: percent-encode it or use base64.");
            }

            if (output.Count > maxBytes)
            {
                throw TooLarge(url, maxBytes);
            }
        }

        return [.. output];
    }

    private static Errors.MediaFetchException TooLarge(string url, long maxBytes) =>
        FetchErrors.Refuse(url, FetchRules.Size, $"the data is larger than the {maxBytes}-byte limit.");
}
