namespace LocalMultimodal.Media;

/// <summary>How a multi-channel sample array is laid out.</summary>
public enum AudioLayout
{
    /// <summary>Frame after frame, each frame holding one sample a channel: shape (time, channels). Interleaved PCM.</summary>
    TimeMajor,

    /// <summary>Channel after channel, each holding all of its samples: shape (channels, time).</summary>
    ChannelMajor,
}
