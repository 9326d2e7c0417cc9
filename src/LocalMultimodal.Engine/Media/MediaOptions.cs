namespace LocalMultimodal.Media;

/// <summary>Per-modality media options, like vLLM's <c>media_io_kwargs</c>.</summary>
public sealed class MediaOptions
{
    /// <summary>Image options.</summary>
    public ImageMediaOptions Image { get; set; } = new();

    /// <summary>Audio options.</summary>
    public AudioMediaOptions Audio { get; set; } = new();

    /// <summary>Video options.</summary>
    public VideoMediaOptions Video { get; set; } = new();
}
