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

    /// <summary>A precomputed embedding tensor is corrupt, unsafe, in an unsupported format or beyond the limits.</summary>
    public const string InvalidEmbeddings = "invalid_embeddings";
}
