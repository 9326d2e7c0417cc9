using Microsoft.Playwright;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>Files a user would attach, made with the shared test media.</summary>
internal static class TestFiles
{
    /// <summary>A solid 32×32 PNG of one colour.</summary>
    public static FilePayload Png(string name, byte r, byte g, byte b) =>
        new() { Name = name, MimeType = "image/png", Buffer = ColourImages.Png(32, 32, ColourImages.Solid(32, 32, r, g, b)) };

    /// <summary>One second of a sine tone as 16-bit mono WAV at 16 kHz.</summary>
    public static FilePayload Wav(string name, double frequency) =>
        new() { Name = name, MimeType = "audio/wav", Buffer = Wavs.Tone(frequency, 16_000, 1) };
}
