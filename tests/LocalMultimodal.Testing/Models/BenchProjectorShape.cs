namespace LocalMultimodal.Models;

/// <summary>The bench-size LLaVA-style (<c>mlp</c>) projector's hyperparameters.</summary>
/// <param name="ImageSize">Side of the square input image in pixels.</param>
/// <param name="PatchSize">Side of a patch in pixels.</param>
/// <param name="Width">ViT embedding width.</param>
/// <param name="FeedForwardLength">ViT n_ff (must differ from the width; clip.cpp swaps up/down otherwise).</param>
/// <param name="BlockCount">ViT blocks.</param>
/// <param name="HeadCount">ViT attention heads.</param>
/// <param name="OutputWidth">The LLM's n_embd, which the projector maps to.</param>
public sealed record BenchProjectorShape(int ImageSize, int PatchSize, int Width, int FeedForwardLength, int BlockCount, int HeadCount, int OutputWidth)
{
    /// <summary>Image tokens per image: one per patch (the class token is dropped by the LLaVA projector).</summary>
    public int ImageTokens => ImageSize / PatchSize * (ImageSize / PatchSize);
}
