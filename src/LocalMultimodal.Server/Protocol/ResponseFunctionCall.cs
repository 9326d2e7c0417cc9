namespace LocalMultimodal.Server.Protocol;

/// <summary>The function of a <see cref="ResponseToolCall"/>: its name and its arguments as a JSON string.</summary>
internal sealed class ResponseFunctionCall
{
    public required string Name { get; init; }

    public required string Arguments { get; init; }
}
