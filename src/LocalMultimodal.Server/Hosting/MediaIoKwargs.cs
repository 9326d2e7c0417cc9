using System.Text.Json;
using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Hosting;

/// <summary>vLLM's <c>--media-io-kwargs</c>: per-modality media options, given as JSON.</summary>
internal sealed class MediaIoKwargs
{
    /// <summary>Background for images with alpha.</summary>
    public RgbColor RgbaBackgroundColor { get; set; } = RgbColor.White;

    /// <summary><c>video.num_frames</c>; null keeps the engine's default.</summary>
    public int? VideoNumFrames { get; set; }

    /// <summary><c>video.fps</c>: the most frames per second sampled; null for no rate limit.</summary>
    public double? VideoFps { get; set; }

    /// <summary><c>video.frame_recovery</c>.</summary>
    public bool VideoFrameRecovery { get; set; }

    /// <summary><c>audio.max_duration_s</c>: the longest audio accepted, in seconds; null keeps the engine's default.</summary>
    public double? AudioMaxDurationSeconds { get; set; }

    /// <summary>Parses the flag's JSON; throws <see cref="FormatException"/> naming the first unknown key or bad value.</summary>
    public static MediaIoKwargs Parse(string json)
    {
        var result = new MediaIoKwargs();
        using var document = ParseObject(json);
        foreach (var modality in document.RootElement.EnumerateObject())
        {
            if (modality.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"--media-io-kwargs: '{modality.Name}' must be an object of options.");
            }

            foreach (var option in modality.Value.EnumerateObject())
            {
                string key = $"{modality.Name}.{option.Name}";
                switch (key)
                {
                    case "image.rgba_background_color":
                        result.RgbaBackgroundColor = ParseColor(option.Value);
                        break;
                    case "video.num_frames":
                        result.VideoNumFrames = option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetInt32(out int frames) && frames >= 1
                            ? frames
                            : throw new FormatException("--media-io-kwargs: video.num_frames must be a whole number of at least 1.");
                        break;
                    case "video.fps":
                        result.VideoFps = option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetDouble(out double fps) && double.IsFinite(fps) && fps > 0
                            ? fps
                            : throw new FormatException("--media-io-kwargs: video.fps must be a number of frames per second above 0.");
                        break;
                    case "video.frame_recovery":
                        result.VideoFrameRecovery = option.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
                            ? option.Value.GetBoolean()
                            : throw new FormatException("--media-io-kwargs: video.frame_recovery must be true or false.");
                        break;
                    case "audio.max_duration_s":
                        result.AudioMaxDurationSeconds = option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetDouble(out double seconds) && seconds > 0
                            ? seconds
                            : throw new FormatException("--media-io-kwargs: audio.max_duration_s must be a number of seconds above 0.");
                        break;
                    default:
                        throw new FormatException(
                            $"--media-io-kwargs: unknown key '{key}'. Known keys: image.rgba_background_color, video.num_frames, video.fps, video.frame_recovery, audio.max_duration_s.");
                }
            }
        }

        return result;
    }

    private static JsonDocument ParseObject(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new FormatException("--media-io-kwargs must be a JSON object, such as '{\"image\":{\"rgba_background_color\":[0,0,0]}}'.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FormatException("--media-io-kwargs must be a JSON object.");
        }

        return document;
    }

    private static RgbColor ParseColor(JsonElement value)
    {
        try
        {
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number))
            {
                return RgbColor.FromValues([.. value.EnumerateArray().Select(v => v.GetDouble())]);
            }
        }
        catch (ArgumentException)
        {
            // Reported below with the flag's name.
        }

        throw new FormatException("--media-io-kwargs: image.rgba_background_color must be three whole numbers from 0 to 255, such as [0, 0, 0].");
    }
}
