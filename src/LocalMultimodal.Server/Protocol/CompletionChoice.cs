using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The one choice of a text completion, whole or streamed.</summary>
internal sealed class CompletionChoice
{
    public required string Text { get; init; }

    public int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
