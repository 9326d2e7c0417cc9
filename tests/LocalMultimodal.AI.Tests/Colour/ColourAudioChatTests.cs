using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// Audio and text through the <see cref="IChatClient"/> on the demo model: "low" or "high" around 1.7 kHz, "silence",
/// and "none" without media. A stereo 44.1 kHz WAV must be mixed down and resampled to 16 kHz to be heard right.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ColourAudioChatTests(DemoModelFixture demo) : IDisposable
{
    private const string Question = "Is this sound high or low?";
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    /// <summary>Read at the wrong rate, 3 kHz at 44.1 kHz would be heard near 1.1 kHz: "low".</summary>
    [Theory]
    [InlineData(3000, 44_100, 2, "high")]
    [InlineData(440, 44_100, 2, "low")]
    [InlineData(3000, 16_000, 1, "high")]
    [InlineData(300, 16_000, 1, "low")]
    public async Task ToneWav_IsHeardHighOrLow(double frequency, int sampleRate, int channels, string expected)
    {
        byte[] wav = Wavs.Tone(frequency, sampleRate, channels);

        Assert.Equal(expected, await DemoModelFixture.AskAsync(_client, Question, new DataContent(wav, "audio/wav")));
    }

    [Fact]
    public async Task SilentWav_IsSilence()
    {
        byte[] wav = Wavs.Silence(44_100, channels: 2);

        Assert.Equal("silence", await DemoModelFixture.AskAsync(_client, Question, new DataContent(wav, "audio/wav")));
    }

    [Fact]
    public async Task TextOnly_IsNone()
    {
        Assert.Equal("none", await DemoModelFixture.AskAsync(_client, "What colour is this?"));
    }
}
