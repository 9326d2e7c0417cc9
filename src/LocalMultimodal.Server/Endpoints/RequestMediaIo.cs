using System.Text.Json;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A request's own <c>media_io_kwargs</c>, which vLLM merges over the server's. The engine takes two options per
/// item: <c>video.num_frames</c>, clamped to the server's setting, which is the ceiling, and <c>video.fps</c>, which
/// only lowers the frame count. Any other key is refused by name rather than ignored: the server's
/// <c>--media-io-kwargs</c> sets those.
/// </summary>
internal static class RequestMediaIo
{
    private const string Field = "media_io_kwargs";
    private const string Code = "invalid_media_io_kwargs";

    /// <summary>The video frame count the request asks for (at most <paramref name="ceiling"/>) and its frame rate; null for what it does not ask.</summary>
    public static (int? NumFrames, double? Fps) ReadVideo(JsonElement? kwargs, int ceiling)
    {
        if (kwargs is not { ValueKind: not JsonValueKind.Null } value)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{Field} must be an object of options per modality, such as {{\"video\": {{\"num_frames\": 4}}}}.", Field, Code);
        }

        int? frames = null;
        double? fps = null;
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
                switch ((modality.Name, option.Name))
                {
                    case ("video", "num_frames"):
                        frames = option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetInt32(out int n) && n >= 1
                            ? Math.Min(n, ceiling)
                            : throw ApiException.BadRequest($"{key} must be a whole number of at least 1.", key, Code);
                        break;
                    case ("video", "fps"):
                        fps = option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetDouble(out double rate) && double.IsFinite(rate) && rate > 0
                            ? rate
                            : throw ApiException.BadRequest($"{key} must be a number of frames per second above 0.", key, Code);
                        break;
                    default:
                        throw ApiException.BadRequest(
                            $"{key} cannot be set per request; only {Field}.video.num_frames and {Field}.video.fps can. The server's --media-io-kwargs sets the others.", key, Code);
                }
            }
        }

        return (frames, fps);
    }
}
