using System.Text.Json;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A request's own <c>media_io_kwargs</c>, which vLLM merges over the server's. The engine takes one option per
/// item: <c>video.num_frames</c>, clamped to the server's setting, which is the ceiling. Any other key is refused by
/// name rather than ignored: the server's <c>--media-io-kwargs</c> sets those.
/// </summary>
internal static class RequestMediaIo
{
    private const string Field = "media_io_kwargs";
    private const string Code = "invalid_media_io_kwargs";

    /// <summary>The video frame count the request asks for, at most <paramref name="ceiling"/>; null when it asks for none.</summary>
    public static int? ReadVideoNumFrames(JsonElement? kwargs, int ceiling)
    {
        if (kwargs is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{Field} must be an object of options per modality, such as {{\"video\": {{\"num_frames\": 4}}}}.", Field, Code);
        }

        int? frames = null;
        foreach (var modality in value.EnumerateObject())
        {
            string at = $"{Field}.{modality.Name}";
            if (modality.Value.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"{at} must be an object of options.", at, Code);
            }

            foreach (var option in modality.Value.EnumerateObject())
            {
                string key = $"{at}.{option.Name}";
                frames = (modality.Name, option.Name) switch
                {
                    ("video", "num_frames") => option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetInt32(out int n) && n >= 1
                        ? Math.Min(n, ceiling)
                        : throw ApiException.BadRequest($"{key} must be a whole number of at least 1.", key, Code),
                    _ => throw ApiException.BadRequest(
                        $"{key} cannot be set per request; only {Field}.video.num_frames can. The server's --media-io-kwargs sets the others.", key, Code),
                };
            }
        }

        return frames;
    }
}
