using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /v1/chat/completions</c>. Numbers are read wide so range checks, not the JSON reader, reject them.</summary>
internal sealed class ChatCompletionRequest : SamplingRequest
{
    public List<ChatMessage>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public long? TopLogprobs { get; set; }

    /// <summary>Tool definitions in OpenAI's function form, checked by the engine.</summary>
    public JsonElement? Tools { get; set; }

    /// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or <c>{"type": "function", "function": {"name": ...}}</c>.</summary>
    public JsonElement? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    /// <summary>Extra chat template variables (vLLM's and llama-server's <c>chat_template_kwargs</c>).</summary>
    public JsonElement? ChatTemplateKwargs { get; set; }

    /// <summary>vLLM's per-request media options, keyed by modality, such as <c>{"video": {"num_frames": 4}}</c>.</summary>
    public JsonElement? MediaIoKwargs { get; set; }

    /// <summary>vLLM's per-request processor options: the image pixel budget, <c>{"max_pixels": 200704, "min_pixels": 3136}</c>.</summary>
    public JsonElement? MmProcessorKwargs { get; set; }

    /// <summary>
    /// Every field the server has no property for (OpenAI's <c>logit_bias</c>, <c>functions</c>, <c>audio</c>, ...). Each
    /// is refused by name: a field the server cannot honour is never ignored in silence.
    /// </summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
