using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>One message of the request.</summary>
internal sealed class ChatMessage
{
    public string? Role { get; set; }

    [JsonConverter(typeof(MessageContentConverter))]
    public MessageContent? Content { get; set; }

    public string? Name { get; set; }

    public string? ToolCallId { get; set; }

    public System.Text.Json.JsonElement? ToolCalls { get; set; }
}
