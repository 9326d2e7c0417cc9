using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// A <c>llama</c> LLM of any <see cref="LlmShape"/> with seeded Gaussian matrices and norms of 1: the tiny
/// fixture (<see cref="Tiny"/>) and the bench-size model are the same generator at two sizes.
/// </summary>
internal static class SeededLlm
{
    /// <summary>The tiny fixture: n_embd 64, 2 layers, 4 heads of 16, n_ff 128.</summary>
    public static readonly LlmShape Tiny = new(TinyLlm.EmbeddingLength, BlockCount: 2, HeadCount: 4, FeedForwardLength: 128, ContextLength: 2048, RmsEpsilon: 1e-5f);

    /// <summary>The tiny fixture as a <c>qwen2vl</c> LLM (M-RoPE sections [2, 3, 3, 0]) for the Qwen-VL projectors.</summary>
    public static readonly LlmShape TinyMRope = Tiny.WithMRope();

    public static GgufDocument Build(LlmShape shape, string name, int seed, float weightStd, GgmlType matrixType) =>
        Build(shape, name, seed, weightStd, matrixType, new TinyVocabulary());

    public static GgufDocument Build(LlmShape shape, string name, int seed, float weightStd, GgmlType matrixType, TinyVocabulary vocabulary)
    {
        int width = shape.EmbeddingLength;
        int kv = shape.HeadDim * shape.HeadCount;
        var tensors = new SeededTensors(TinyLlm.CreateMetadata(vocabulary, name, shape, matrixType), seed, weightStd, matrixType);
        tensors.Matrix("token_embd.weight", width, vocabulary.Count);
        for (int i = 0; i < shape.BlockCount; i++)
        {
            string block = $"blk.{i}";
            tensors.Ones($"{block}.attn_norm.weight", width);
            tensors.Matrix($"{block}.attn_q.weight", width, width);
            tensors.Matrix($"{block}.attn_k.weight", width, kv);
            tensors.Matrix($"{block}.attn_v.weight", width, kv);
            if (shape.RopeSections is not null)
            {
                // qwen2vl is Qwen2's layout: q, k and v carry biases.
                tensors.Vector($"{block}.attn_q.bias", width);
                tensors.Vector($"{block}.attn_k.bias", kv);
                tensors.Vector($"{block}.attn_v.bias", kv);
            }

            tensors.Matrix($"{block}.attn_output.weight", width, width);
            tensors.Ones($"{block}.ffn_norm.weight", width);
            tensors.Matrix($"{block}.ffn_gate.weight", width, shape.FeedForwardLength);
            tensors.Matrix($"{block}.ffn_up.weight", width, shape.FeedForwardLength);
            tensors.Matrix($"{block}.ffn_down.weight", shape.FeedForwardLength, width);
        }

        tensors.Ones("output_norm.weight", width);
        tensors.Matrix("output.weight", width, vocabulary.Count);
        return tensors.Document;
    }
}
