using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Bench.Models;

/// <summary>
/// The bench-size <c>llama</c> LLM: the tiny fixture's vocabulary and ChatML template with a wider, deeper
/// body, F16 matrices and F32 norms, seeded Gaussian weights.
/// </summary>
internal static class BenchLlm
{
    public static GgufDocument Build(BenchLlmShape shape, TinyVocabulary vocabulary, int seed)
    {
        int e = shape.EmbeddingLength;
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("llama"))
            .Set("general.name", GgufValue.String("bench-llama"))
            .Set("general.file_type", GgufValue.UInt32(1u))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set("llama.context_length", GgufValue.UInt32(BenchLlmShape.ContextLength))
            .Set("llama.embedding_length", GgufValue.UInt32((uint)e))
            .Set("llama.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("llama.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("llama.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f))
            .Set("llama.rope.dimension_count", GgufValue.UInt32((uint)shape.HeadDim))
            .Set("llama.rope.freq_base", GgufValue.Float32(10000f))
            .Set("llama.vocab_size", GgufValue.UInt32((uint)vocabulary.Count));
        vocabulary.WriteTo(document);
        document.Set("tokenizer.chat_template", GgufValue.String(TinyLlm.ChatTemplate));

        var tensors = new SeededTensors(document, seed, shape.WeightStd, GgmlType.F16);
        tensors.Matrix("token_embd.weight", e, vocabulary.Count);
        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"blk.{i}";
            tensors.Ones($"{block}.attn_norm.weight", e);
            tensors.Matrix($"{block}.attn_q.weight", e, e);
            tensors.Matrix($"{block}.attn_k.weight", e, e);
            tensors.Matrix($"{block}.attn_v.weight", e, e);
            tensors.Matrix($"{block}.attn_output.weight", e, e);
            tensors.Ones($"{block}.ffn_norm.weight", e);
            tensors.Matrix($"{block}.ffn_gate.weight", e, shape.FeedForwardLength);
            tensors.Matrix($"{block}.ffn_up.weight", e, shape.FeedForwardLength);
            tensors.Matrix($"{block}.ffn_down.weight", shape.FeedForwardLength, e);
        }

        tensors.Ones("output_norm.weight", e);
        tensors.Matrix("output.weight", e, vocabulary.Count);
        return document;
    }
}
