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

    /// <summary>
    /// ChatML with Hermes-style tools, as Qwen2.5's template writes them, rendered by the engine's Jinja engine;
    /// llama.cpp's built-in fallback recognises it as ChatML by <c>&lt;|im_start|&gt;</c>. Unlike Qwen's it adds no
    /// default system message, so a conversation without tools or system message is plain ChatML.
    /// </summary>
    public const string ChatTemplate = """
{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] + '\n\n' }}
    {%- endif %}
    {{- "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- elif messages[0]['role'] == 'system' %}
    {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}
""";

    /// <summary>All keys of the LLM: hyperparameters, tokenizer and chat template; no tensors.</summary>
    public static GgufDocument CreateMetadata(TinyVocabulary vocabulary, string name, LlmShape shape, GgmlType matrixType = GgmlType.F32)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(vocabulary);
        string arch = shape.Architecture;
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String(arch))
            .Set("general.name", GgufValue.String(name))
            .Set("general.file_type", GgufValue.UInt32(matrixType == GgmlType.F16 ? 1u : 0u))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set($"{arch}.context_length", GgufValue.UInt32((uint)shape.ContextLength))
            .Set($"{arch}.embedding_length", GgufValue.UInt32((uint)shape.EmbeddingLength))
            .Set($"{arch}.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set($"{arch}.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set($"{arch}.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set($"{arch}.attention.head_count_kv", GgufValue.UInt32((uint)shape.HeadCount))
            .Set($"{arch}.attention.layer_norm_rms_epsilon", GgufValue.Float32(shape.RmsEpsilon))
            .Set($"{arch}.rope.dimension_count", GgufValue.UInt32((uint)shape.HeadDim))
            .Set($"{arch}.rope.freq_base", GgufValue.Float32(10000f))
            .Set($"{arch}.vocab_size", GgufValue.UInt32((uint)vocabulary.Count));
        if (shape.RopeSections is { } sections)
        {
            // M-RoPE: llama.cpp requires the four sections for qwen2vl.
            document.Set($"{arch}.rope.dimension_sections", GgufValue.Array(sections));
        }

        vocabulary.WriteTo(document);
        return document.Set("tokenizer.chat_template", GgufValue.String(ChatTemplate));
    }
}
