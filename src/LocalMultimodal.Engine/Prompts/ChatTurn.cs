namespace LocalMultimodal.Prompts;

/// <summary>One message of a conversation: a role and its text and media, interleaved in any order.</summary>
public sealed class ChatTurn
{
    /// <summary>Creates a message.</summary>
    public ChatTurn(string role, params IReadOnlyList<ChatTurnItem> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentNullException.ThrowIfNull(items);
        Role = role;
        Items = items;
    }

    /// <summary>The speaker: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string Role { get; }

    /// <summary>The message's text and media, in order.</summary>
    public IReadOnlyList<ChatTurnItem> Items { get; }

    /// <summary>The function calls of an assistant turn, given to the template as <c>tool_calls</c>.</summary>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>For a <c>tool</c> turn: the id of the call whose result it holds (<c>tool_call_id</c>).</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a <c>tool</c> turn: the name of the function that answered (<c>name</c>).</summary>
    public string? Name { get; init; }
}
