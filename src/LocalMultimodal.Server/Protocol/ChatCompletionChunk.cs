namespace LocalMultimodal.Server.Protocol;

/// <summary>One streamed piece (<c>chat.completion.chunk</c>).</summary>
internal sealed class ChatCompletionChunk
{
    public required string Id { get; init; }

    public string Object => "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required List<ChunkChoice> Choices { get; init; }

    /// <summary>Only on the extra last chunk, when <c>stream_options.include_usage</c> asked for it.</summary>
    public Usage? Usage { get; init; }
}
