namespace LocalMultimodal.Models;

/// <summary>A vision encoder's input: square image size and patch size, and the width it projects to.</summary>
internal sealed record VisionGeometry(int ImageSize, int PatchSize, int ProjectionDim)
{
    /// <summary>The tiny fixtures: 64×64 images, 8×8 patches, projected to the tiny LLM's width.</summary>
    public static VisionGeometry Fixture { get; } = new(VisionEncoder.ImageSize, VisionEncoder.PatchSize, TinyLlm.EmbeddingLength);

    /// <summary>Patches per image.</summary>
    public int Patches => ImageSize / PatchSize * (ImageSize / PatchSize);
}
