using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Bench.Models;

/// <summary>
/// The bench-size LLaVA-style projector: a CLIP ViT (class token, pre-LN, no post-LN) and the two-layer
/// <c>mlp</c> projector onto the LLM's width. F32 throughout, as the tiny fixtures (F16 position
/// embeddings abort the loader).
/// </summary>
internal static class BenchProjector
{
    public const float WeightStd = 0.02f;

    public static GgufDocument Build(BenchProjectorShape shape, int seed)
    {
        int w = shape.Width;
        int patches = shape.ImageTokens;
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("clip"))
            .Set("general.name", GgufValue.String("bench-mmproj-mlp"))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set("clip.projector_type", GgufValue.String("mlp"))
            .Set("clip.has_vision_encoder", GgufValue.Bool(true))
            .Set("clip.vision.image_size", GgufValue.UInt32((uint)shape.ImageSize))
            .Set("clip.vision.patch_size", GgufValue.UInt32((uint)shape.PatchSize))
            .Set("clip.vision.embedding_length", GgufValue.UInt32((uint)w))
            .Set("clip.vision.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("clip.vision.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("clip.vision.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("clip.vision.attention.layer_norm_epsilon", GgufValue.Float32(1e-6f))
            .Set("clip.vision.projection_dim", GgufValue.UInt32((uint)shape.OutputWidth))
            .Set("clip.vision.image_mean", GgufValue.Array(VisionEncoder.ClipMean))
            .Set("clip.vision.image_std", GgufValue.Array(VisionEncoder.ClipStd));

        var tensors = new SeededTensors(document, seed, WeightStd);
        tensors.Matrix("v.patch_embd.weight", shape.PatchSize, shape.PatchSize, 3, w);
        tensors.Vector("v.class_embd", w);
        tensors.Vector("v.position_embd.weight", w, patches + 1);
        tensors.LayerNorm("v.pre_ln", w);
        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"v.blk.{i}";
            tensors.LayerNorm($"{block}.ln1", w);
            tensors.Linear($"{block}.attn_q", w, w);
            tensors.Linear($"{block}.attn_k", w, w);
            tensors.Linear($"{block}.attn_v", w, w);
            tensors.Linear($"{block}.attn_out", w, w);
            tensors.LayerNorm($"{block}.ln2", w);
            tensors.Linear($"{block}.ffn_up", w, shape.FeedForwardLength);
            tensors.Linear($"{block}.ffn_down", shape.FeedForwardLength, w);
        }

        tensors.Linear("mm.0", w, shape.OutputWidth);
        tensors.Linear("mm.2", shape.OutputWidth, shape.OutputWidth);
        return document;
    }
}
