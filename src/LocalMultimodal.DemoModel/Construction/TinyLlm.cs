using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The metadata of the written <c>llama</c> LLMs: hyperparameters from an <see cref="LlmShape"/>, the
/// SentencePiece <see cref="TinyVocabulary"/> and a ChatML template. Each model writes its own tensors: the
/// demo model constructed ones, the test kit seeded ones.
/// </summary>
internal static class TinyLlm
{
    /// <summary>n_embd of the demo model and the tiny fixtures, which their projectors project to.</summary>
    public const int EmbeddingLength = 64;

    /// <summary>ChatML; llama.cpp recognises it by <c>&lt;|im_start|&gt;</c>.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>All keys of the LLM: hyperparameters, tokenizer and chat template; no tensors.</summary>
    public static GgufDocument CreateMetadata(TinyVocabulary vocabulary, string name, LlmShape shape, GgmlType matrixType = GgmlType.F32)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("llama"))
            .Set("general.name", GgufValue.String(name))
            .Set("general.file_type", GgufValue.UInt32(matrixType == GgmlType.F16 ? 1u : 0u))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set("llama.context_length", GgufValue.UInt32((uint)shape.ContextLength))
            .Set("llama.embedding_length", GgufValue.UInt32((uint)shape.EmbeddingLength))
            .Set("llama.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("llama.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("llama.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(shape.RmsEpsilon))
            .Set("llama.rope.dimension_count", GgufValue.UInt32((uint)shape.HeadDim))
            .Set("llama.rope.freq_base", GgufValue.Float32(10000f))
            .Set("llama.vocab_size", GgufValue.UInt32((uint)vocabulary.Count));
        vocabulary.WriteTo(document);
        return document.Set("tokenizer.chat_template", GgufValue.String(ChatTemplate));
    }
}
