using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The layout of clip.cpp's Qwen-VL vision projectors, <c>qwen2vl_merger</c> (Qwen2-VL) and
/// <c>qwen2.5vl_merger</c> (Qwen2.5-VL): a ViT with M-RoPE inside the encoder and no position table, two patch
/// kernels (one per frame of a temporal pair; a still image goes through both), then every 2×2 block of patches
/// merged into one token by <c>mm.0</c>, GELU, <c>mm.2</c>. Images keep their aspect ratio (dynamic resolution):
/// one token per (2·patch)² pixels. Qwen2.5-VL adds RMSNorms, a gated SiLU FFN and window attention
/// (<c>clip.vision.n_wa_pattern</c>: every n-th block attends to the whole image).
/// </summary>
internal static class QwenVisionEncoder
{
    /// <summary>Patches merged per token along each side (<c>clip.vision.spatial_merge_size</c>).</summary>
    public const int MergeSize = 2;

    /// <summary>Blocks per window-attention period in the Qwen2.5-VL fixtures: block 1, 3, ... attend fully.</summary>
    public const int WindowAttentionPattern = 2;

    /// <param name="document">The projector's document.</param>
    /// <param name="qwen25">Qwen2.5-VL (RMSNorm, SiLU, window attention) instead of Qwen2-VL.</param>
    /// <param name="mean">Per-channel normalisation mean.</param>
    /// <param name="std">Per-channel normalisation std.</param>
    /// <param name="shape">The encoder's width, depth and heads.</param>
    /// <param name="geometry">Patch size and output width; the image size is only the nominal size clip.cpp requires.</param>
    public static void WriteMetadata(GgufDocument document, bool qwen25, float[] mean, float[] std, EncoderShape shape, VisionGeometry geometry)
    {
        VisionEncoder.WriteMetadata(document, mean, std, shape, geometry);
        document
            .Set("clip.projector_type", GgufValue.String(qwen25 ? "qwen2.5vl_merger" : "qwen2vl_merger"))
            .Set("clip.vision.spatial_merge_size", GgufValue.UInt32(MergeSize));
        if (qwen25)
        {
            document
                .Set("clip.use_silu", GgufValue.Bool(true))
                .Set("clip.vision.n_wa_pattern", GgufValue.UInt32(WindowAttentionPattern));
        }
    }

    /// <summary>The tensors, each filled by <paramref name="tensors"/>.</summary>
    public static void WriteTensors(TensorWriter tensors, bool qwen25, EncoderShape shape, VisionGeometry geometry)
    {
        int width = shape.Width;
        tensors.Matrix("v.patch_embd.weight", geometry.PatchSize, geometry.PatchSize, 3, width);
        tensors.Matrix("v.patch_embd.weight.1", geometry.PatchSize, geometry.PatchSize, 3, width);
        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"v.blk.{i}";
            Norm(tensors, $"{block}.ln1", width, qwen25);
            tensors.Linear($"{block}.attn_q", width, width);
            tensors.Linear($"{block}.attn_k", width, width);
            tensors.Linear($"{block}.attn_v", width, width);
            tensors.Linear($"{block}.attn_out", width, width);
            Norm(tensors, $"{block}.ln2", width, qwen25);
            if (qwen25)
            {
                tensors.Linear($"{block}.ffn_gate", width, shape.FeedForwardLength);
            }

            tensors.Linear($"{block}.ffn_up", width, shape.FeedForwardLength);
            tensors.Linear($"{block}.ffn_down", shape.FeedForwardLength, width);
        }

        Norm(tensors, "v.post_ln", width, qwen25);
        int merged = width * MergeSize * MergeSize;
        tensors.Linear("mm.0", merged, merged);
        tensors.Linear("mm.2", merged, geometry.ProjectionDim);
    }

    private static void Norm(TensorWriter tensors, string prefix, int width, bool rms)
    {
        if (rms)
        {
            tensors.RmsNorm(prefix, width);
        }
        else
        {
            tensors.LayerNorm(prefix, width);
        }
    }
}
