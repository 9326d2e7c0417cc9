namespace LocalMultimodal.Media;

/// <summary>The <see cref="Errors.MultimodalException.Code"/> values media preparation raises.</summary>
internal static class MediaErrorCodes
{
    /// <summary>The image is empty, corrupt, in an unsupported format, or its pixel buffer does not match its size.</summary>
    public const string InvalidImage = "invalid_image";

    /// <summary>The image is wider, taller or has more pixels than the options allow.</summary>
    public const string ImageTooLarge = "image_too_large";

    /// <summary>The audio is empty, corrupt, not a supported WAV, or its samples or header values are invalid.</summary>
    public const string InvalidAudio = "invalid_audio";

    /// <summary>The audio lasts longer than the options allow.</summary>
    public const string AudioTooLong = "audio_too_long";

    /// <summary>The video is empty, corrupt, in an unsupported container, or a sampled frame failed to decode.</summary>
    public const string InvalidVideo = "invalid_video";

    /// <summary>The video lasts longer or holds more frames than the options allow.</summary>
    public const string VideoTooLong = "video_too_long";

    /// <summary>The video's frames are wider, taller or have more pixels than the image options allow.</summary>
    public const string VideoTooLarge = "video_too_large";

    /// <summary>ffmpeg did not finish decoding within the configured wall-clock limit.</summary>
    public const string MediaDecodeTimeout = "media_decode_timeout";

    /// <summary>A precomputed embedding tensor is corrupt, unsafe, in an unsupported format or beyond the limits.</summary>
    public const string InvalidEmbeddings = "invalid_embeddings";
}
