namespace LocalMultimodal.Models;

/// <summary>The bench-size vision projectors' hyperparameters: LLaVA-style (<c>mlp</c>) or Qwen2-VL (<c>qwen2vl_merger</c>).</summary>
/// <param name="ImageSize">Side of the square input image in pixels.</param>
/// <param name="PatchSize">Side of a patch in pixels.</param>
/// <param name="Width">ViT embedding width.</param>
/// <param name="FeedForwardLength">ViT n_ff (must differ from the width; clip.cpp swaps up/down otherwise).</param>
/// <param name="BlockCount">ViT blocks.</param>
/// <param name="HeadCount">ViT attention heads.</param>
/// <param name="OutputWidth">The LLM's n_embd, which the projector maps to.</param>
/// <param name="MergeSize">Patches merged into one token along each side: 1 for LLaVA, 2 for Qwen2-VL's merger.</param>
public sealed record BenchProjectorShape(int ImageSize, int PatchSize, int Width, int FeedForwardLength, int BlockCount, int HeadCount, int OutputWidth, int MergeSize = 1)
{
    /// <summary>
    /// Image tokens per square image: one per patch for LLaVA (its class token is dropped), one per
    /// <see cref="MergeSize"/>² patches for Qwen2-VL.
    /// </summary>
    public int ImageTokens => ImageSize / (PatchSize * MergeSize) * (ImageSize / (PatchSize * MergeSize));
}
