namespace LocalMultimodal.Server.Protocol;

/// <summary>A text completion (<c>text_completion</c>): the whole answer, or one streamed piece of it.</summary>
internal sealed class CompletionResponse
{
    public required string Id { get; init; }

    public string Object => "text_completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required List<CompletionChoice> Choices { get; init; }

    /// <summary>On a whole answer; on a stream only on the extra last chunk, when <c>stream_options.include_usage</c> asked for it.</summary>
    public Usage? Usage { get; init; }
}
