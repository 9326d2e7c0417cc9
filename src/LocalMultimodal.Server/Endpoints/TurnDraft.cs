using LocalMultimodal.Prompts;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>A message as read from the request, its media not yet fetched; tool fields only where tools are read.</summary>
internal sealed record TurnDraft(string Role, IReadOnlyList<PartDraft> Parts)
{
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    public string? ToolCallId { get; init; }

    public string? Name { get; init; }
}
