using LocalMultimodal.Prompts;

namespace LocalMultimodal.Bench;

/// <summary>The one image prompt every scenario sends, and its images: distinct per seed, the same on every run.</summary>
internal static class BenchPrompt
{
    public const int OutputTokens = 128;

    /// <summary>ChatML around one image; the marker is the engine's (also libmtmd's default).</summary>
    public static string Text(string marker) =>
        $"<|im_start|>user\n{marker}Describe this image in detail.<|im_end|>\n<|im_start|>assistant\n";

    public static string EngineText => Text(MultimodalPrompt.MediaMarker);

    /// <summary>A <paramref name="size"/>² RGB image: two gradients and a checker pattern, shifted by the seed.</summary>
    public static byte[] Image(int size, int seed)
    {
        var rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int i = (y * size + x) * 3;
                rgb[i] = (byte)((x * 255 / (size - 1) + seed * 37) & 0xFF);
                rgb[i + 1] = (byte)((y * 255 / (size - 1) + seed * 91) & 0xFF);
                rgb[i + 2] = (byte)((((x + seed) / 16 + (y + 3 * seed) / 16) % 2 == 0) ? 40 + seed * 13 % 80 : 220 - seed * 7 % 80);
            }
        }

        return rgb;
    }
}
