namespace LocalMultimodal.Server.Protocol;

/// <summary>A message's content: a plain string, or a list of parts.</summary>
internal sealed class MessageContent
{
    public string? Text { get; init; }

    public List<ContentPart>? Parts { get; init; }
}
