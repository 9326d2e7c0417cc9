using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using LocalMultimodal.Tests.Media.Video;

namespace LocalMultimodal.Tests.Media;

public sealed class FfmpegAudioTests
{
    private const int Rate = 16000;

    // A 440 Hz sine of the given length, encoded by ffmpeg into the format the extension names.
    private static byte[] Sine(TempFolder folder, string extension, double seconds = 1.5)
    {
        string path = folder.File($"sine.{extension}");
        string[] codec = extension switch
        {
            "mp3" => ["-c:a", "libmp3lame"],
            "flac" => ["-c:a", "flac"],
            "ogg" => ["-c:a", "libopus"],
            "m4a" => ["-c:a", "aac"],
            _ => throw new ArgumentOutOfRangeException(nameof(extension)),
        };
        string rate = extension == "ogg" ? "48000" : "44100";
        Ffmpeg.Run(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate={rate}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-ac", "2", .. codec, path]);
        return File.ReadAllBytes(path);
    }

    private static double Frequency(float[] samples, int rate)
    {
        // Rising zero crossings over the middle of the clip, away from codec edges.
        int from = samples.Length / 5, to = samples.Length * 4 / 5, crossings = 0;
        for (int i = from + 1; i < to; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                crossings++;
            }
        }

        return crossings * (double)rate / (to - from);
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("flac")]
    [InlineData("ogg")]
    [InlineData("m4a")]
    public async Task EncodedAudio_DecodesToTheRightFrequencyAndLength(string extension)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Sine(media, extension);

        float[] samples = await FfmpegAudioDecoder.DecodeAsync(bytes, Rate, new AudioMediaOptions(), null, temp.Path, CancellationToken.None);

        Assert.InRange(samples.Length, Rate * 1.5 * 0.97, Rate * 1.5 * 1.03);
        Assert.InRange(Frequency(samples, Rate), 430, 450);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("mp3", "flac")]
    [InlineData("flac", "wav")]
    [InlineData("ogg", "not-a-format")]
    public async Task LyingFormatHint_IsOverruledByTheContent(string actual, string hint)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();

        float[] samples = await FfmpegAudioDecoder.DecodeAsync(Sine(media, actual), Rate, new AudioMediaOptions(), hint, temp.Path, CancellationToken.None);

        Assert.InRange(Frequency(samples, Rate), 430, 450);
    }

    [Fact]
    public async Task LongerThanTheLimit_IsRefusedWhileDecoding()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Sine(media, "flac", seconds: 5);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            FfmpegAudioDecoder.DecodeAsync(bytes, Rate, new AudioMediaOptions { MaxDurationSeconds = 2 }, null, temp.Path, CancellationToken.None));

        Assert.Equal("audio_too_long", error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task JustUnderTheLimit_IsAccepted()
    {
        using var media = new TempFolder();
        byte[] bytes = Sine(media, "flac", seconds: 1.5);

        float[] samples = await AudioPreparer.PrepareAsync(AudioInput.FromEncoded(bytes), Rate, new AudioMediaOptions { MaxDurationSeconds = 1.6 });

        Assert.Equal(24000, samples.Length);
    }

    [Fact]
    public async Task Garbage_IsInvalidAudio_WithoutFfmpegText()
    {
        using var temp = new TempFolder();
        byte[] bytes = new byte[4096];
        new Random(3).NextBytes(bytes);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            FfmpegAudioDecoder.DecodeAsync(bytes, Rate, new AudioMediaOptions(), "mp3", temp.Path, CancellationToken.None));

        Assert.Equal("invalid_audio", error.Code);
        Assert.DoesNotContain(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Cancellation_StopsDecoding_AndDeletesTheTempFile()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Sine(media, "flac");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FfmpegAudioDecoder.DecodeAsync(bytes, Rate, new AudioMediaOptions(), null, temp.Path, cancellation.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
