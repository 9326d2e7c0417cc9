using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// What llama.cpp takes for granted about a language model file beyond what its loader checks: vocabulary arrays
/// of one length and of the element types it reads them as (it indexes the scores and token types by token id,
/// and its typed array getter asserts the type), tokens that are unique, and attention widths that divide.
/// </summary>
internal static class LlmShapes
{
    public static void Check(TensorShapeRules rules)
    {
        CheckVocabulary(rules);
        string architecture = rules.File.GetString("general.architecture") ?? string.Empty;
        long? width = rules.Positive($"{architecture}.embedding_length");
        rules.Positive($"{architecture}.block_count", 100_000);
        rules.Positive($"{architecture}.feed_forward_length");
        rules.Positive($"{architecture}.context_length");
        long? heads = rules.Positive($"{architecture}.attention.head_count");
        long? kvHeads = rules.Positive($"{architecture}.attention.head_count_kv");
        if (width is { } w && heads is { } h && !rules.File.Metadata.ContainsKey($"{architecture}.attention.key_length") && w % h != 0)
        {
            throw rules.Refuse($"{architecture}.embedding_length {w} is not divisible by {architecture}.attention.head_count {h}");
        }

        if (heads is { } q && kvHeads is { } kv && q % kv != 0)
        {
            throw rules.Refuse($"{architecture}.attention.head_count {q} is not a multiple of {architecture}.attention.head_count_kv {kv}");
        }
    }

    private static void CheckVocabulary(TensorShapeRules rules)
    {
        if (rules.File.Metadata.GetValueOrDefault("tokenizer.ggml.tokens") is not { } tokens)
        {
            return; // llama.cpp refuses a model without tokens cleanly
        }

        int count = ArrayLength(rules, "tokenizer.ggml.tokens", tokens, GgufValueType.String);

        // llama.cpp maps text to id and back and asserts both maps are the same size.
        var ids = new Dictionary<string, int>(count, StringComparer.Ordinal);
        string[] texts = tokens.As<string[]>();
        for (int id = 0; id < texts.Length; id++)
        {
            if (!ids.TryAdd(texts[id], id))
            {
                throw rules.Refuse($"key 'tokenizer.ggml.tokens' holds the token '{texts[id]}' twice (ids {ids[texts[id]]} and {id})");
            }
        }

        foreach ((string key, GgufValueType element) in (ReadOnlySpan<(string, GgufValueType)>)[("tokenizer.ggml.scores", GgufValueType.Float32), ("tokenizer.ggml.token_type", GgufValueType.Int32)])
        {
            if (rules.File.Metadata.GetValueOrDefault(key) is { } value && ArrayLength(rules, key, value, element) != count)
            {
                throw rules.Refuse($"key '{key}' has {ArrayLength(rules, key, value, element)} entries, but tokenizer.ggml.tokens has {count}");
            }
        }

        if (rules.File.Metadata.GetValueOrDefault("tokenizer.ggml.merges") is { } merges)
        {
            ArrayLength(rules, "tokenizer.ggml.merges", merges, GgufValueType.String);
        }
    }

    private static int ArrayLength(TensorShapeRules rules, string key, GgufValue value, GgufValueType element) =>
        value.Type == GgufValueType.Array && value.ElementType == element
            ? ((Array)value.Value).Length
            : throw rules.Refuse($"key '{key}' is {value.Describe()}, but llama.cpp reads it as an array of {element}");
}
