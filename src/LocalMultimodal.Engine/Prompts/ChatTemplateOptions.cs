using System.Text.Json.Nodes;
using LocalMultimodal.Tools;

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
    /// Whether the model may or must call <see cref="Tools"/> (OpenAI's <c>tool_choice</c>); null is
    /// <see cref="ToolChoice.Auto"/>. With tools and any choice but <see cref="ToolChoice.None"/>, the answer is
    /// parsed for calls in the format the template writes (<see cref="Generation.GenerationUpdate.ToolCalls"/>) and the
    /// calls are held to the tools' parameter schemas by a grammar.
    /// </summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Whether the model may make several calls in one answer (OpenAI's <c>parallel_tool_calls</c>, default true).</summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>
    /// Extra template variables (Hugging Face's <c>apply_chat_template</c> keyword arguments, llama-server's and
    /// vLLM's <c>chat_template_kwargs</c>), such as <c>enable_thinking</c>. Values are strings, numbers, booleans,
    /// null, lists, dictionaries or JSON. <c>messages</c> and <c>tools</c> cannot be set here.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? TemplateKwargs { get; init; }
}
