using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /v1/chat/completions</c>. Numbers are read wide so range checks, not the JSON reader, reject them.</summary>
internal sealed class ChatCompletionRequest : SamplingRequest
{
    public List<ChatMessage>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public long? TopLogprobs { get; set; }

    /// <summary>Tool definitions; refused for now (the server does not call tools), read so they are never ignored.</summary>
    public JsonElement? Tools { get; set; }

    /// <summary>Extra chat template variables (vLLM's and llama-server's <c>chat_template_kwargs</c>).</summary>
    public JsonElement? ChatTemplateKwargs { get; set; }

    /// <summary>vLLM's per-request media options, keyed by modality, such as <c>{"video": {"num_frames": 4}}</c>.</summary>
    public JsonElement? MediaIoKwargs { get; set; }

    /// <summary>vLLM's per-request processor options: the image pixel budget, <c>{"max_pixels": 200704, "min_pixels": 3136}</c>.</summary>
    public JsonElement? MmProcessorKwargs { get; set; }
}
