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
    public const int FeedForwardLength = 48;
    public const int BlockCount = 1;

    /// <summary>Encoder positions of one 30 s window (3000 mel frames after the stride-2 conv).</summary>
    public const int Positions = 1500;

    public static void WriteMetadata(GgufDocument document)
    {
        document
            .Set("clip.has_audio_encoder", GgufValue.Bool(true))
            .Set("clip.audio.num_mel_bins", GgufValue.UInt32(MelBins))
            .Set("clip.audio.embedding_length", GgufValue.UInt32(Width))
            .Set("clip.audio.feed_forward_length", GgufValue.UInt32(FeedForwardLength))
            .Set("clip.audio.block_count", GgufValue.UInt32(BlockCount))
            .Set("clip.audio.attention.head_count", GgufValue.UInt32(2))
            .Set("clip.audio.attention.layer_norm_epsilon", GgufValue.Float32(1e-5f))
            .Set("clip.audio.projection_dim", GgufValue.UInt32(TinyLlm.EmbeddingLength));
    }

    public static void WriteTensors(SeededTensors tensors)
    {
        tensors.Matrix("a.conv1d.1.weight", 3, MelBins, Width);
        tensors.Gaussian("a.conv1d.1.bias", 1, Width); // 2-D so that it broadcasts over time
        tensors.Matrix("a.conv1d.2.weight", 3, Width, Width);
        tensors.Gaussian("a.conv1d.2.bias", 1, Width);
        tensors.Gaussian("a.position_embd.weight", Width, Positions);
        for (int i = 0; i < BlockCount; i++)
        {
            string block = $"a.blk.{i}";
            tensors.LayerNorm($"{block}.ln1", Width);
            tensors.Linear($"{block}.attn_q", Width, Width);
            tensors.Linear($"{block}.attn_k", Width, Width, bias: false);
            tensors.Linear($"{block}.attn_v", Width, Width);
            tensors.Linear($"{block}.attn_out", Width, Width);
            tensors.LayerNorm($"{block}.ln2", Width);
            tensors.Linear($"{block}.ffn_up", Width, FeedForwardLength);
            tensors.Linear($"{block}.ffn_down", FeedForwardLength, Width);
        }

        tensors.LayerNorm("a.post_ln", Width);
    }
}
