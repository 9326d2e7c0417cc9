using System.Buffers.Binary;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

public sealed class WavDecodingTests
{
    private static readonly AudioMediaOptions Options = new();

    private static Task<float[]> Decode(byte[] wav, int targetRate = 16000, AudioMediaOptions? options = null) =>
        AudioPreparer.PrepareAsync(AudioInput.FromEncoded(wav), targetRate, options ?? Options);

    private static async Task<InvalidRequestException> DecodeFails(byte[] wav, AudioMediaOptions? options = null)
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Decode(wav, options: options));
        if (ex.InnerException is { } inner)
        {
            Assert.DoesNotContain(inner.Message, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    [Fact]
    public async Task Pcm8_DecodesUnsignedSamples()
    {
        byte[] wav = new WavBuilder { BitsPerSample = 8, Data = [128, 192, 64, 0, 255] }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0f, 0.5f, -0.5f, -1f, 127 / 128f], decoded);
    }

    [Fact]
    public async Task Pcm16_DecodesSignedSamples()
    {
        byte[] wav = new WavBuilder { Data = WavBuilder.Pcm16(0, 16384, -16384, -32768, 32767) }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0f, 0.5f, -0.5f, -1f, 32767 / 32768f], decoded);
    }

    [Fact]
    public async Task Pcm24_DecodesSignedSamples()
    {
        byte[] data = [0, 0, 0, 0x00, 0x00, 0x40, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F];
        byte[] wav = new WavBuilder { BitsPerSample = 24, Data = data }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0f, 0.5f, -0.5f, -1f, 8388607 / 8388608f], decoded);
    }

    [Fact]
    public async Task Pcm32_DecodesSignedSamples()
    {
        var data = new byte[16];
        int[] values = [0, 0x40000000, -0x40000000, int.MinValue];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), values[i]);
        }

        byte[] wav = new WavBuilder { BitsPerSample = 32, Data = data }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0f, 0.5f, -0.5f, -1f], decoded);
    }

    [Fact]
    public async Task Float32_DecodesSamples()
    {
        byte[] wav = new WavBuilder { FormatTag = 3, BitsPerSample = 32, Data = WavBuilder.Float32(0.25f, -0.75f, 1f) }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0.25f, -0.75f, 1f], decoded);
    }

    [Fact]
    public async Task Float64_DecodesSamples()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.25);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -0.75);
        byte[] wav = new WavBuilder { FormatTag = 3, BitsPerSample = 64, Data = data }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0.25f, -0.75f], decoded);
    }

    [Fact]
    public async Task ExtensiblePcm16_DecodesLikePlainPcm()
    {
        byte[] data = WavBuilder.Pcm16(0, 16384, -32768);
        byte[] plain = new WavBuilder { Data = data }.Build();
        byte[] extensible = new WavBuilder { SubFormat = WavBuilder.PcmSubFormat, Data = data }.Build();
        Assert.Equal(await Decode(plain), await Decode(extensible));
    }

    [Fact]
    public async Task Stereo_IsAveragedToMono()
    {
        byte[] wav = new WavBuilder { Channels = 2, Data = WavBuilder.Pcm16(16384, 0, -16384, -16384) }.Build();
        float[] decoded = await Decode(wav);
        Assert.Equal([0.25f, -0.5f], decoded);
    }

    [Fact]
    public async Task Wav_MatchesTheSameRawSamples()
    {
        float[] samples = [0.5f, -0.25f, 0.125f, 0f, -1f, 0.75f];
        byte[] wav = new WavBuilder { FormatTag = 3, BitsPerSample = 32, Channels = 2, SampleRate = 22050, Data = WavBuilder.Float32(samples) }.Build();
        float[] fromRaw = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(samples, 22050, 2, AudioLayout.TimeMajor), 16000, Options);
        Assert.Equal(fromRaw, await Decode(wav));
    }

    [Fact]
    public async Task ZeroSampleRate_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { SampleRate = 0, Data = WavBuilder.Pcm16(1, 2) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
        Assert.Contains("sample rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroChannels_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { Channels = 0, Data = WavBuilder.Pcm16(1, 2) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task ZeroChannelsWithNonZeroBlockAlign_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { Channels = 0, BlockAlign = 2, Data = WavBuilder.Pcm16(1, 2) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
        Assert.Contains("channel count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InconsistentBlockAlign_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { Channels = 2, BlockAlign = 2, Data = WavBuilder.Pcm16(1, 2) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task HugeDeclaredDataSize_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { DeclaredDataSize = 0xFFFFFFF0, Data = WavBuilder.Pcm16(1, 2) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedData_IsRefused()
    {
        byte[] wav = new WavBuilder { Data = WavBuilder.Pcm16(new short[1000]) }.Build();
        var ex = await DecodeFails(wav[..(wav.Length / 2)]);
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task TruncatedHeader_IsRefused()
    {
        byte[] wav = new WavBuilder { Data = WavBuilder.Pcm16(1, 2, 3) }.Build();
        var ex = await DecodeFails(wav[..30]);
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' })]
    public async Task NotAWav_IsRefused(byte[] bytes)
    {
        var ex = await DecodeFails(bytes);
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task NaudioText_IsNotEchoed()
    {
        byte[] wav = new WavBuilder { Data = WavBuilder.Pcm16(1, 2) }.Build();
        wav[0] = (byte)'X'; // no longer sniffed as WAV: ffmpeg gets it and refuses it
        var ex = await DecodeFails(wav);
        Assert.Equal("invalid_audio", ex.Code);
        Assert.DoesNotContain("RIFF", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((short)2, (short)4)] // ADPCM
    [InlineData((short)1, (short)12)]
    [InlineData((short)3, (short)16)]
    public async Task UnsupportedEncoding_IsRefused(short formatTag, short bits)
    {
        var ex = await DecodeFails(new WavBuilder { FormatTag = formatTag, BitsPerSample = bits, BlockAlign = 2, Data = [0, 0] }.Build());
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task EmptyDataChunk_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder().Build());
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task NaNInFloatWav_IsRefused()
    {
        var ex = await DecodeFails(new WavBuilder { FormatTag = 3, BitsPerSample = 32, Data = WavBuilder.Float32(0f, float.NaN) }.Build());
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task LongerThanTheCap_IsRefused()
    {
        byte[] wav = new WavBuilder { SampleRate = 8000, Data = new byte[2 * 8000 * 2] }.Build();
        var ex = await DecodeFails(wav, new AudioMediaOptions { MaxDurationSeconds = 1.5 });
        Assert.Equal("audio_too_long", ex.Code);

        Assert.Equal(32000, (await Decode(wav, options: new AudioMediaOptions { MaxDurationSeconds = 2 })).Length);
    }
}
