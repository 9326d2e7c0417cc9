using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The one choice of a chunk.</summary>
internal sealed class ChunkChoice
{
    public int Index { get; init; }

    public required ResponseMessage Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
