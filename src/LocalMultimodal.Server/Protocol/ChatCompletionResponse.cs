namespace LocalMultimodal.Server.Protocol;

/// <summary>A whole answer (<c>chat.completion</c>).</summary>
internal sealed class ChatCompletionResponse
{
    public required string Id { get; init; }

    public string Object => "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required List<ChatChoice> Choices { get; init; }

    public required Usage Usage { get; init; }
}
