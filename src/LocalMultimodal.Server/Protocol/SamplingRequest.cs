using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>
/// The fields <c>/v1/chat/completions</c> and <c>/v1/completions</c> share: the model, sampling and streaming.
/// Numbers are read wide so range checks, not the JSON reader, reject them.
/// </summary>
internal abstract class SamplingRequest
{
    public string? Model { get; set; }

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

    /// <summary>vLLM's <c>ignore_eos</c>: generate until <c>max_tokens</c> even past the end-of-sequence token (benchmark clients send it).</summary>
    public bool? IgnoreEos { get; set; }

    public bool? Stream { get; set; }

    public StreamOptions? StreamOptions { get; set; }

    public long? N { get; set; }

    public string? User { get; set; }

    /// <summary>OpenAI's <c>response_format</c>: text, <c>json_object</c> or <c>json_schema</c>; read raw so every shape gets its own error.</summary>
    public JsonElement? ResponseFormat { get; set; }
}
