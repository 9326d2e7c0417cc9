using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /v1/chat/completions</c>. Numbers are read wide so range checks, not the JSON reader, reject them.</summary>
internal sealed class ChatCompletionRequest
{
    public string? Model { get; set; }

    public List<ChatMessage>? Messages { get; set; }

    public long? MaxTokens { get; set; }

    public long? MaxCompletionTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public long? TopK { get; set; }

    public double? MinP { get; set; }

    public long? Seed { get; set; }

    [JsonConverter(typeof(StopConverter))]
    public List<string>? Stop { get; set; }

    public double? FrequencyPenalty { get; set; }

    public double? PresencePenalty { get; set; }

    public double? RepetitionPenalty { get; set; }

    public bool? Stream { get; set; }

    public StreamOptions? StreamOptions { get; set; }

    public long? N { get; set; }

    public string? User { get; set; }

    public bool? Logprobs { get; set; }

    public long? TopLogprobs { get; set; }

    /// <summary>Tool definitions; refused for now (the server does not call tools), read so they are never ignored.</summary>
    public JsonElement? Tools { get; set; }

    /// <summary>Extra chat template variables (vLLM's and llama-server's <c>chat_template_kwargs</c>).</summary>
    public JsonElement? ChatTemplateKwargs { get; set; }

    /// <summary>vLLM's per-request media options, keyed by modality, such as <c>{"video": {"num_frames": 4}}</c>.</summary>
    public JsonElement? MediaIoKwargs { get; set; }
}
