namespace LocalMultimodal.AI;

/// <summary>The <c>AdditionalProperties</c> keys this client reads.</summary>
public static class LocalMultimodalPropertyNames
{
    /// <summary>
    /// On a <c>DataContent</c> or <c>UriContent</c>: the media item's uuid (a non-empty string or a <see cref="Guid"/>).
    /// The engine keys its caches by it instead of by a hash of the content. <see cref="MediaContentExtensions.WithMediaUuid"/>
    /// sets it.
    /// </summary>
    public const string Uuid = "uuid";

    /// <summary>
    /// On a video <c>DataContent</c> or <c>UriContent</c>: how many frames to sample from it (vLLM's per-request
    /// <c>media_io_kwargs.video.num_frames</c>), a whole number of at least 1. The engine's
    /// <see cref="Media.VideoMediaOptions.NumFrames"/> is the default and the ceiling.
    /// </summary>
    public const string NumFrames = "num_frames";

    /// <summary>
    /// On a <see cref="MediaInputContent"/> of image embeddings: their patch grid (vLLM's <c>image_grid_thw</c>), which
    /// the Qwen-VL family (M-RoPE) needs to position the rows: a <see cref="Media.PatchGrid"/>, or three whole numbers
    /// (t, h, w) before the spatial merge as an <c>int[]</c>, <c>long[]</c> or JSON array. The same as
    /// <see cref="Media.EmbeddingInput.WithGrid"/>; <see cref="MultimodalEngine.EncodeAsync"/> already sets it. Refused on
    /// any other content, and on a model without M-RoPE.
    /// </summary>
    public const string ImageGridThw = "image_grid_thw";

    /// <summary>
    /// On a video <c>DataContent</c> or <c>UriContent</c>: the most frames per second to sample from it (vLLM's
    /// <c>media_io_kwargs.video.fps</c>), a number above 0. It only lowers the frame count, to
    /// <c>floor(duration × fps)</c> (at least one); <see cref="NumFrames"/> still caps it.
    /// </summary>
    public const string Fps = "fps";

    /// <summary>
    /// On <c>ChatOptions</c>: the most pixels each image may keep (vLLM's <c>mm_processor_kwargs.max_pixels</c>), a whole
    /// number of at least 1. A dynamic-resolution projector (the Qwen-VL family) resizes larger images down by the
    /// Qwen2-VL processor's <c>smart_resize</c> rule, which sets their token count; fixed-size projectors ignore it.
    /// An image given as an <see cref="Media.ImageInput"/> with its own budget keeps that.
    /// </summary>
    public const string MaxPixels = "max_pixels";

    /// <summary>On <c>ChatOptions</c>: the fewest pixels each image is resized up to (vLLM's <c>mm_processor_kwargs.min_pixels</c>); see <see cref="MaxPixels"/>.</summary>
    public const string MinPixels = "min_pixels";

    /// <summary>On <c>ChatOptions</c>: llama.cpp's min_p, 0 to 1 (0 disables it).</summary>
    public const string MinP = "min_p";

    /// <summary>On <c>ChatOptions</c>: llama.cpp's multiplicative repeat penalty, above 0 and at most 10 (1 disables it).</summary>
    public const string RepeatPenalty = "repeat_penalty";

    /// <summary>On <c>ChatOptions</c>: how many recent tokens the penalties look at, 0 to 65536.</summary>
    public const string PenaltyLastN = "penalty_last_n";

    /// <summary>
    /// On <c>ChatOptions</c>: extra chat template variables (vLLM's and llama-server's <c>chat_template_kwargs</c>,
    /// Hugging Face's <c>apply_chat_template</c> keyword arguments), such as <c>enable_thinking</c>: an
    /// <c>IDictionary&lt;string, object?&gt;</c>, a <c>JsonObject</c> or a <c>JsonElement</c> holding an object.
    /// </summary>
    public const string ChatTemplateKwargs = "chat_template_kwargs";
}
