using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The inside of an error body; <c>param</c> and <c>code</c> are always present, null when unknown.</summary>
internal sealed class ErrorDetail
{
    public required string Message { get; init; }

    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
