using LocalMultimodal.Media;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// The audio half of the colour model (qwen2a): silence, low (energy mostly below about 1.75 kHz) or high. The
/// boundary sits in the middle of Whisper's 0–8 kHz mel range, so a wrong sample rate moves a tone across it.
/// Runs on the audio-only projector and on the combined demo projector.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourAudioTests(ColourModelsFixture fixture)
{
    private const string Question = "What do you hear?";

    [Theory]
    [InlineData("audio", 0, "silence")]
    [InlineData("combined", 0, "silence")]
    [InlineData("audio", 300, "low")]
    [InlineData("audio", 440, "low")]
    [InlineData("audio", 3000, "high")]
    [InlineData("combined", 3000, "high")]
    public async Task OneSecondAt16Khz_IsHeard(string projector, double frequency, string expected)
    {
        float[] samples = frequency == 0 ? new float[16_000] : Tones.Sine(frequency, 16_000);

        Assert.Equal(expected, await fixture.AskAsync(projector, AudioInput.FromSamples(samples, 16_000), Question));
    }

    /// <summary>The engine mixes to mono and resamples to 16 kHz; a layout mix-up would halve the pitch.</summary>
    [Theory]
    [InlineData("audio", AudioLayout.TimeMajor)]
    [InlineData("audio", AudioLayout.ChannelMajor)]
    [InlineData("combined", AudioLayout.TimeMajor)]
    public async Task Stereo3KhzAt44Khz_IsHigh(string projector, AudioLayout layout)
    {
        float[,] stereo = Tones.StereoSine(3000, 44_100, channelMajor: layout == AudioLayout.ChannelMajor);

        Assert.Equal("high", await fixture.AskAsync(projector, AudioInput.FromSamples(stereo, 44_100, layout), Question));
    }

    /// <summary>
    /// A 2 kHz tone sampled at 48 kHz is high when its rate is given honestly. Passed as 16 kHz it plays three
    /// times slower (667 Hz) and is low: the model does catch sample-rate bugs.
    /// </summary>
    [Theory]
    [InlineData(48_000, "high")]
    [InlineData(16_000, "low")]
    public async Task TwoKhzSampledAt48Khz_DependsOnTheDeclaredRate(int declaredRate, string expected)
    {
        float[] samples = Tones.Sine(2000, 48_000);

        Assert.Equal(expected, await fixture.AskAsync("audio", AudioInput.FromSamples(samples, declaredRate), Question));
    }

    [Fact]
    public async Task NoAudio_AnswersNone() =>
        Assert.Equal("none", await fixture.AskAsync("audio", media: null, Question));
}
