using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /v1/chat/completions</c>. Numbers are read wide so range checks, not the JSON reader, reject them.</summary>
internal sealed class ChatCompletionRequest : SamplingRequest
{
    public List<ChatMessage>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public long? TopLogprobs { get; set; }

    /// <summary>vLLM's per-request media options, keyed by modality, such as <c>{"video": {"num_frames": 4}}</c>.</summary>
    public JsonElement? MediaIoKwargs { get; set; }
}
