using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The one choice of a whole answer.</summary>
internal sealed class ChatChoice
{
    public int Index { get; init; }

    public required ResponseMessage Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
