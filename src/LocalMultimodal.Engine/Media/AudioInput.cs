namespace LocalMultimodal.Media;

/// <summary>
/// An audio clip: float samples with their rate and channel layout, or encoded file bytes.
/// Several channels are averaged to mono and the result is resampled to the projector's rate.
/// </summary>
public sealed class AudioInput : MediaInput
{
    private AudioInput(string? uuid) : base(uuid)
    {
    }

    /// <inheritdoc />
    public override MediaModality Modality => MediaModality.Audio;

    /// <inheritdoc />
    public override bool IsReferenceOnly => Samples is null && Encoded is null;

    /// <summary>The samples, laid out as <see cref="Layout"/> says.</summary>
    public ReadOnlyMemory<float>? Samples { get; private init; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; private init; }

    /// <summary>How many channels <see cref="Samples"/> holds.</summary>
    public int Channels { get; private init; }

    /// <summary>How <see cref="Samples"/> is laid out.</summary>
    public AudioLayout Layout { get; private init; }

    /// <summary>Encoded file bytes, when the clip was given that way.</summary>
    public ReadOnlyMemory<byte>? Encoded { get; private init; }

    /// <summary>Mono samples at a given rate.</summary>
    public static AudioInput FromSamples(ReadOnlyMemory<float> samples, int sampleRate, string? uuid = null) =>
        FromSamples(samples, sampleRate, 1, AudioLayout.TimeMajor, uuid);

    /// <summary>Samples of any channel count in a flat array, laid out as <paramref name="layout"/> says.</summary>
    public static AudioInput FromSamples(ReadOnlyMemory<float> samples, int sampleRate, int channels, AudioLayout layout, string? uuid = null) =>
        new(uuid) { Samples = samples, SampleRate = sampleRate, Channels = channels, Layout = layout };

    /// <summary>
    /// Samples in a two-dimensional array: (channels, time) for <see cref="AudioLayout.ChannelMajor"/>,
    /// (time, channels) for <see cref="AudioLayout.TimeMajor"/>.
    /// </summary>
    public static AudioInput FromSamples(float[,] samples, int sampleRate, AudioLayout layout, string? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var flat = new float[samples.Length];
        Buffer.BlockCopy(samples, 0, flat, 0, flat.Length * sizeof(float));
        int channels = layout == AudioLayout.ChannelMajor ? samples.GetLength(0) : samples.GetLength(1);
        return FromSamples(flat, sampleRate, channels, layout, uuid);
    }

    /// <summary>
    /// A clip from encoded file bytes: WAV (PCM 8/16/24/32-bit, float) natively, and MP3, FLAC, OGG/Opus, M4A or
    /// anything else ffmpeg decodes. <paramref name="format"/> (such as <c>mp3</c>) is a hint; the content decides.
    /// </summary>
    public static AudioInput FromEncoded(ReadOnlyMemory<byte> bytes, string? uuid = null, string? format = null) =>
        new(uuid) { Encoded = bytes, Format = format };

    /// <summary>The format hint given with encoded bytes, if any.</summary>
    public string? Format { get; private init; }

    /// <summary>A clip sent by uuid only: it must be in a cache from an earlier request.</summary>
    public static AudioInput Reference(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        return new(uuid);
    }
}
