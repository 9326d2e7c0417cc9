using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The tiny Whisper-style audio encoder shared by the audio projectors: 128 mel bins, two conv1d, width 32,
/// one block. clip.cpp asserts the layout: a 1500-row position table, ln1/ln2 biases, and no attn_k bias.
/// </summary>
internal static class WhisperEncoder
{
    public const int MelBins = 128;
    public const int Width = 32;

    /// <summary>The random fixtures' encoder.</summary>
    public static readonly EncoderShape Shape = new(Width, FeedForwardLength: 48, BlockCount: 1, HeadCount: 2, LayerNormEpsilon: 1e-5f);

    /// <summary>Encoder positions of one 30 s window (3000 mel frames after the stride-2 conv).</summary>
    public const int Positions = 1500;

    public static void WriteMetadata(GgufDocument document) => WriteMetadata(document, Shape);

    public static void WriteMetadata(GgufDocument document, EncoderShape shape)
    {
        document
            .Set("clip.has_audio_encoder", GgufValue.Bool(true))
            .Set("clip.audio.num_mel_bins", GgufValue.UInt32(MelBins))
            .Set("clip.audio.embedding_length", GgufValue.UInt32((uint)shape.Width))
            .Set("clip.audio.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("clip.audio.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("clip.audio.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("clip.audio.attention.layer_norm_epsilon", GgufValue.Float32(shape.LayerNormEpsilon))
            .Set("clip.audio.projection_dim", GgufValue.UInt32(TinyLlm.EmbeddingLength));
    }

    public static void WriteTensors(TensorWriter tensors) => WriteTensors(tensors, Shape);

    public static void WriteTensors(TensorWriter tensors, EncoderShape shape)
    {
        int width = shape.Width;
        tensors.Matrix("a.conv1d.1.weight", 3, MelBins, width);
        tensors.Vector("a.conv1d.1.bias", 1, width); // 2-D so that it broadcasts over time
        tensors.Matrix("a.conv1d.2.weight", 3, width, width);
        tensors.Vector("a.conv1d.2.bias", 1, width);
        tensors.Vector("a.position_embd.weight", width, Positions);
        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"a.blk.{i}";
            tensors.LayerNorm($"{block}.ln1", width);
            tensors.Linear($"{block}.attn_q", width, width);
            tensors.Linear($"{block}.attn_k", width, width, bias: false);
            tensors.Linear($"{block}.attn_v", width, width);
            tensors.Linear($"{block}.attn_out", width, width);
            tensors.LayerNorm($"{block}.ln2", width);
            tensors.Linear($"{block}.ffn_up", width, shape.FeedForwardLength);
            tensors.Linear($"{block}.ffn_down", shape.FeedForwardLength, width);
        }

        tensors.LayerNorm("a.post_ln", width);
    }
}
