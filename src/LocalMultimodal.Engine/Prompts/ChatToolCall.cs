using System.Text.Json.Nodes;

namespace LocalMultimodal.Prompts;

/// <summary>A function call an assistant turn made, as the chat template sees it (OpenAI's <c>tool_calls</c> item).</summary>
public sealed class ChatToolCall
{
    /// <summary>Creates a tool call.</summary>
    /// <param name="id">The call's id, which the <c>tool</c> turn with its result names.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="arguments">The arguments as a JSON object (templates print it with <c>tojson</c>).</param>
    public ChatToolCall(string id, string name, JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(arguments);
        Id = id;
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The call's id.</summary>
    public string Id { get; }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The arguments, a JSON object.</summary>
    public JsonObject Arguments { get; }
}
