using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The tiny ViT shared by the vision projectors: 64×64 images, 8×8 patches (64 of them), width 32, 2 blocks.
/// n_ff (48) differs from the width on purpose: with <c>ffn_down.ne[0] == n_embd</c> clip.cpp assumes the
/// old swapped naming and exchanges up and down.
/// </summary>
internal static class VisionEncoder
{
    public const int ImageSize = 64;
    public const int PatchSize = 8;
    public const int Width = 32;
    public const int Patches = ImageSize / PatchSize * (ImageSize / PatchSize);

    /// <summary>The random fixtures' encoder.</summary>
    public static readonly EncoderShape Shape = new(Width, FeedForwardLength: 48, BlockCount: 2, HeadCount: 2, LayerNormEpsilon: 1e-6f);

    public static readonly float[] HalfMean = [0.5f, 0.5f, 0.5f];
    public static readonly float[] ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    public static readonly float[] ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    public static void WriteMetadata(GgufDocument document, float[] mean, float[] std) => WriteMetadata(document, mean, std, Shape);

    public static void WriteMetadata(GgufDocument document, float[] mean, float[] std, EncoderShape shape) =>
        WriteMetadata(document, mean, std, shape, VisionGeometry.Fixture);

    public static void WriteMetadata(GgufDocument document, float[] mean, float[] std, EncoderShape shape, VisionGeometry geometry)
    {
        document
            .Set("clip.has_vision_encoder", GgufValue.Bool(true))
            .Set("clip.vision.image_size", GgufValue.UInt32((uint)geometry.ImageSize))
            .Set("clip.vision.patch_size", GgufValue.UInt32((uint)geometry.PatchSize))
            .Set("clip.vision.embedding_length", GgufValue.UInt32((uint)shape.Width))
            .Set("clip.vision.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("clip.vision.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("clip.vision.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("clip.vision.attention.layer_norm_epsilon", GgufValue.Float32(shape.LayerNormEpsilon))
            .Set("clip.vision.projection_dim", GgufValue.UInt32((uint)geometry.ProjectionDim))
            .Set("clip.vision.image_mean", GgufValue.Array(mean))
            .Set("clip.vision.image_std", GgufValue.Array(std));
    }

    /// <summary>
    /// Patch embedding, positions and blocks. The LLaVA (<paramref name="clipStyle"/>) variant adds a class
    /// token and its position and a pre-LN, and has no patch bias or post-LN.
    /// </summary>
    public static void WriteTensors(TensorWriter tensors, bool clipStyle) => WriteTensors(tensors, clipStyle, Shape);

    /// <inheritdoc cref="WriteTensors(TensorWriter, bool)"/>
    public static void WriteTensors(TensorWriter tensors, bool clipStyle, EncoderShape shape) =>
        WriteTensors(tensors, clipStyle, shape, VisionGeometry.Fixture);

    /// <inheritdoc cref="WriteTensors(TensorWriter, bool)"/>
    public static void WriteTensors(TensorWriter tensors, bool clipStyle, EncoderShape shape, VisionGeometry geometry)
    {
        int width = shape.Width;
        tensors.Matrix("v.patch_embd.weight", geometry.PatchSize, geometry.PatchSize, 3, width);
        if (clipStyle)
        {
            tensors.Vector("v.class_embd", width);
            tensors.Vector("v.position_embd.weight", width, geometry.Patches + 1);
            tensors.LayerNorm("v.pre_ln", width);
        }
        else
        {
            tensors.Vector("v.patch_embd.bias", width);
            tensors.Vector("v.position_embd.weight", width, geometry.Patches);
        }

        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"v.blk.{i}";
            tensors.LayerNorm($"{block}.ln1", width);
            tensors.Linear($"{block}.attn_q", width, width);
            tensors.Linear($"{block}.attn_k", width, width);
            tensors.Linear($"{block}.attn_v", width, width);
            tensors.Linear($"{block}.attn_out", width, width);
            tensors.LayerNorm($"{block}.ln2", width);
            tensors.Linear($"{block}.ffn_up", width, shape.FeedForwardLength);
            tensors.Linear($"{block}.ffn_down", shape.FeedForwardLength, width);
        }

        if (!clipStyle)
        {
            tensors.LayerNorm("v.post_ln", width);
        }
    }
}
