using LLama.Native;
using LocalMultimodal.Models;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// The projectors' output, read with <c>mtmd_encode_chunk</c>: each image token carries its block's mean
/// colour and 1, each audio token its pitch, level and 1, and every other dimension stays 0.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourProjectorOutputTests(ColourModelsFixture fixture)
{
    private static readonly int[] ImageDimensions = [ColourStream.Red, ColourStream.Green, ColourStream.Blue, ColourStream.ImageOne];
    private static readonly int[] AudioDimensions = [ColourStream.Pitch, ColourStream.Level, ColourStream.AudioOne];

    /// <summary>
    /// gemma3 gives 16 tokens of (R, G, B, 1). mlp gives 64 rows, of which one may be llama.cpp's misplaced
    /// class token (#25814); the construction makes that row exactly zero, so the LLM ignores it.
    /// </summary>
    [Theory]
    [InlineData("gemma3", 16, 16)]
    [InlineData("mlp", 64, 63)]
    public void SolidImage_ProjectsToItsMeanColour(string projector, int tokens, int minimumColourTokens)
    {
        ProjectorProbe probe = fixture.Probe(projector);
        byte[] rgb = ColourImages.Solid(64, 64, 200, 30, 40);

        float[][] output = probe.Encode(SafeMtmdEmbed.FromRgbBytes(64, 64, rgb)!);

        Assert.Equal(tokens, output.Length);
        float[][] colourTokens = output.Where(row => row[ColourStream.ImageOne] > 0.5f).ToArray();
        Assert.InRange(colourTokens.Length, minimumColourTokens, tokens);
        foreach (float[] row in colourTokens)
        {
            Assert.Equal(200 / 255f, row[ColourStream.Red], 0.002f);
            Assert.Equal(30 / 255f, row[ColourStream.Green], 0.002f);
            Assert.Equal(40 / 255f, row[ColourStream.Blue], 0.002f);
            Assert.Equal(1f, row[ColourStream.ImageOne], 0.0001f);
            AssertZeroExcept(row, ImageDimensions);
        }

        foreach (float[] row in output.Except(colourTokens))
        {
            AssertZeroExcept(row, []);
        }
    }

    /// <summary>
    /// Digital silence must give pitch and level of exactly 0: silence only wins by 100τ·f_a = 0.01. That holds
    /// only because every conv weight and the silent-frame offset are exact in F16, in which ggml runs conv_1d.
    /// </summary>
    [Fact]
    public void Silence_ProjectsToExactlyZeroPitchAndLevel()
    {
        ProjectorProbe probe = fixture.Probe("audio");

        float[][] output = probe.Encode(SafeMtmdEmbed.FromAudioSamples(new float[16_000])!);

        Assert.Equal(1500, output.Length);
        Assert.All(output, row =>
        {
            Assert.Equal(0f, row[ColourStream.Pitch]);
            Assert.Equal(0f, row[ColourStream.Level]);
            Assert.Equal(1f, row[ColourStream.AudioOne]);
            AssertZeroExcept(row, AudioDimensions);
        });
    }

    [Theory]
    [InlineData(300, 1)]
    [InlineData(3000, -1)]
    public void Tone_HasPositiveLevelAndPitchOfItsBand(double frequency, int pitchSign)
    {
        ProjectorProbe probe = fixture.Probe("audio");

        float[][] output = probe.Encode(SafeMtmdEmbed.FromAudioSamples(Tones.Sine(frequency, 16_000))!);

        Assert.True(output.Average(row => row[ColourStream.Level]) > 0.01);
        Assert.Equal(pitchSign, Math.Sign(output.Average(row => row[ColourStream.Pitch])));
    }

    private static void AssertZeroExcept(float[] row, int[] features)
    {
        for (int dimension = 0; dimension < row.Length; dimension++)
        {
            if (!features.Contains(dimension))
            {
                Assert.True(Math.Abs(row[dimension]) < 1e-5f, $"Dimension {dimension} is {row[dimension]}, expected 0.");
            }
        }
    }
}
