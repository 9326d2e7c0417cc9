using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /v1/completions</c>: a text prompt, with the same sampling fields as chat.</summary>
internal sealed class CompletionRequest : SamplingRequest
{
    /// <summary>A string, or an array holding one string (OpenAI also takes token arrays, which are refused).</summary>
    public JsonElement? Prompt { get; set; }

    /// <summary>The completions API's logprobs is a count of alternatives, not a switch.</summary>
    public long? Logprobs { get; set; }

    public bool? Echo { get; set; }

    public string? Suffix { get; set; }

    public long? BestOf { get; set; }
}
