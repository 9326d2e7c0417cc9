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

    /// <summary>The speaker: <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
    public string Role { get; }

    /// <summary>The message's text and media, in order.</summary>
    public IReadOnlyList<ChatTurnItem> Items { get; }
}
