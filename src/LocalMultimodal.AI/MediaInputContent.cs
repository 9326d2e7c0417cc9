using System.Diagnostics;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI;

/// <summary>
/// Media handed to the engine as it is, with no encoding in between: an ImageSharp image
/// (<see cref="ImageInput.FromImage"/>, vLLM's <c>image_pil</c>), a raw pixel buffer, float audio samples, a video as
/// a sequence of frames (<see cref="VideoInput.FromFrames"/>), or precomputed embeddings
/// (<see cref="EmbeddingInput.ForImage"/>, <see cref="EmbeddingInput.ForAudio"/>; the engine must have
/// <see cref="EngineOptions.EnableMediaEmbeddings"/> on). Its uuid is the typed <see cref="MediaInput.Uuid"/>. Image
/// embeddings for the Qwen-VL family carry their grid (<see cref="EmbeddingInput.Grid"/>, as
/// <see cref="MultimodalEngine.EncodeAsync"/> returns them), or take it from
/// <c>AdditionalProperties[</c><see cref="LocalMultimodalPropertyNames.ImageGridThw"/><c>]</c>.
/// </summary>
[DebuggerDisplay("{Media.Modality}: {Media.Uuid}")]
public sealed class MediaInputContent : AIContent
{
    /// <summary>Wraps an engine media item.</summary>
    public MediaInputContent(MediaInput media)
    {
        ArgumentNullException.ThrowIfNull(media);
        Media = media;
    }

    /// <summary>The media item.</summary>
    public MediaInput Media { get; }
}
