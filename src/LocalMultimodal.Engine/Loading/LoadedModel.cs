using LLama;

namespace LocalMultimodal.Loading;

/// <summary>The native objects of one loaded model. Owned and used by the inference loop's thread only.</summary>
internal sealed class LoadedModel(LLamaWeights weights, LLamaContext context, MtmdWeights? projector, int projectorImageSize = 0, int dynamicResizeFactor = 0, int spatialMerge = 0) : IDisposable
{
    /// <summary>The projector's square input size (<c>clip.vision.image_size</c>), or 0 without vision.</summary>
    public int ProjectorImageSize { get; } = projectorImageSize;

    /// <summary>
    /// For a dynamic-resolution projector (the Qwen-VL family), the side in pixels of one image token (patch size ×
    /// spatial merge), the multiple an image is resized to; 0 for a fixed-size projector.
    /// </summary>
    public int DynamicResizeFactor { get; } = dynamicResizeFactor;

    /// <summary>For a dynamic-resolution projector, the side of the square of patches merged into one token; 0 otherwise.</summary>
    public int SpatialMerge { get; } = spatialMerge;

    public LLamaWeights Weights { get; } = weights;

    public LLamaContext Context { get; } = context;

    public MtmdWeights? Projector { get; } = projector;

    /// <summary>Whether the LLM reads four positions per token (M-RoPE, the Qwen2-VL family).</summary>
    public bool UsesMRope { get; } = projector?.UsesMRope ?? false;

    public void Dispose()
    {
        Projector?.Dispose();
        Context.Dispose();
        Weights.Dispose();
    }
}
