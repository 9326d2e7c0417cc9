using System.Text.Json.Nodes;

namespace LocalMultimodal.Prompts;

/// <summary>What a chat call gives the chat template besides the messages.</summary>
public sealed class ChatTemplateOptions
{
    /// <summary>
    /// Tool definitions in OpenAI's form (<c>{"type": "function", "function": {"name": ..., "parameters": ...}}</c>),
    /// the template's <c>tools</c>; null (the default) gives the template <c>None</c>, as Hugging Face does.
    /// </summary>
    public IReadOnlyList<JsonObject>? Tools { get; init; }

    /// <summary>
    /// Extra template variables (Hugging Face's <c>apply_chat_template</c> keyword arguments, llama-server's and
    /// vLLM's <c>chat_template_kwargs</c>), such as <c>enable_thinking</c>. Values are strings, numbers, booleans,
    /// null, lists, dictionaries or JSON. <c>messages</c> and <c>tools</c> cannot be set here.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? TemplateKwargs { get; init; }
}
