using System.Globalization;
using System.Text;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// The text llama.cpp's video helper (<c>mtmd_helper_video_read_next</c>) puts around a video's frames, with one media
/// marker per frame, so that <c>mtmd_tokenize</c> makes of our frames the chunks it makes of the helper's: "Video:",
/// then the frames, each followed by a timestamp such as "[0m5.00s]" when its time reaches the next multiple of
/// five seconds (the helper's default interval). The helper reads a frame's time from its own fps; ours is the frame's
/// own time in the file. Frames given directly carry no time, so they get no timestamps (the helper with its interval off).
/// </summary>
internal static class HelperVideoText
{
    private const string Start = "Video:";
    private const float IntervalMilliseconds = 5000f;

    public static string Build(IReadOnlyList<PreparedImage> frames, string marker)
    {
        var text = new StringBuilder(Start);
        float next = 0f;
        foreach (var frame in frames)
        {
            text.Append(marker);
            if (frame.Seconds is not { } seconds)
            {
                continue;
            }

            // The helper's arithmetic is in float; so is this, for the same thresholds and digits.
            float elapsed = (float)(seconds * 1000.0);
            if (elapsed >= next)
            {
                text.Append(Timestamp(elapsed / 1000f));
                next += IntervalMilliseconds;
            }
        }

        return text.ToString();
    }

    /// <summary>printf's <c>"[%dm%.2fs]"</c>: .NET rounds a tie away from zero, glibc to even, so the rounding is explicit.</summary>
    private static string Timestamp(float elapsedSeconds)
    {
        int minutes = (int)(elapsedSeconds / 60);
        float seconds = elapsedSeconds - (minutes * 60f);
        decimal rounded = Math.Round((decimal)(double)seconds, 2, MidpointRounding.ToEven);
        return string.Create(CultureInfo.InvariantCulture, $"[{minutes}m{rounded:F2}s]");
    }
}
