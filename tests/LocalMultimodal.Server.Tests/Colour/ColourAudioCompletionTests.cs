using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// <c>input_audio</c> and text through <c>/v1/chat/completions</c> on the built-in demo model: "low" or "high"
/// around 1.7 kHz, "silence", and "none" without media. A stereo 44.1 kHz WAV must be mixed down and resampled to
/// 16 kHz to be heard right.
/// </summary>
[Collection(ColourServerCollection.Name)]
public sealed class ColourAudioCompletionTests(ColourServerFixture fixture)
{
    /// <summary>Read at the wrong rate, 3 kHz at 44.1 kHz would be heard near 1.1 kHz: "low".</summary>
    [Theory]
    [InlineData(3000, 44_100, 2, "high")]
    [InlineData(440, 44_100, 2, "low")]
    [InlineData(3000, 16_000, 1, "high")]
    [InlineData(300, 16_000, 1, "low")]
    public async Task ToneWav_IsHeardHighOrLow(double frequency, int sampleRate, int channels, string expected)
    {
        byte[] wav = Wavs.Tone(frequency, sampleRate, channels);

        Assert.Equal(expected, await fixture.Client.AskAsync(Text("Is this sound high or low?"), InputAudio(wav)));
    }

    [Fact]
    public async Task SilentWav_IsSilence()
    {
        byte[] wav = Wavs.Silence(44_100, channels: 2);

        Assert.Equal("silence", await fixture.Client.AskAsync(Text("Is this sound high or low?"), InputAudio(wav)));
    }

    [Fact]
    public async Task TextOnly_IsNone()
    {
        Assert.Equal("none", await fixture.Client.AskAsync(Text("What colour is this?")));
    }
}
