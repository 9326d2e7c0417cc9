using System.Text.Json.Nodes;
using LocalMultimodal.Errors;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Tools;

/// <summary>
/// What a chat with tools becomes before it runs: the checked tools and choice, the conversation and template options
/// to render (tools in the template's own form, or described in the system turn for templates without tools), the
/// sampling with the call grammar, and the format to parse the answer with (null: plain text).
/// </summary>
internal sealed class ToolCallPlan
{
    private ToolCallPlan(IReadOnlyList<ChatTurn> conversation, ChatTemplateOptions? template, ToolGrammarSpec? grammar, ToolCallFormat? format)
    {
        Conversation = conversation;
        Template = template;
        Grammar = grammar;
        Format = format;
    }

    public IReadOnlyList<ChatTurn> Conversation { get; }

    public ChatTemplateOptions? Template { get; }

    /// <summary>The grammar the calls are held to; null when the answer is plain text.</summary>
    public ToolGrammarSpec? Grammar { get; }

    /// <summary>The format to split the answer by; null when the answer is plain text.</summary>
    public ToolCallFormat? Format { get; }

    /// <param name="conversation">The caller's turns.</param>
    /// <param name="template">The caller's template options with the tools and tool choice.</param>
    /// <param name="sampling">The caller's sampling (a grammar of its own cannot be combined with tools).</param>
    /// <param name="format">The template's call format.</param>
    /// <param name="takesTools">Whether the template renders <c>tools</c> itself.</param>
    /// <param name="isOneToken">Whether a text is exactly one token of the model (a lazy grammar's trigger token).</param>
    /// <param name="schemaToGbnf">The JSON-schema converter: GBNF whose start rule is <c>root</c>.</param>
    public static ToolCallPlan Create(
        IReadOnlyList<ChatTurn> conversation, ChatTemplateOptions? template, SamplingOptions? sampling, ToolCallFormat format, bool takesTools, Func<string, bool> isOneToken, Func<JsonObject, string> schemaToGbnf)
    {
        CheckToolResults(conversation);
        var tools = ReadTools(template?.Tools);
        ToolChoice choice = template?.ToolChoice ?? ToolChoice.Auto;
        if (tools.Count == 0)
        {
            if (choice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Function)
            {
                throw new InvalidRequestException($"tool_choice {choice} needs tools, and the request has none.", "invalid_tool_choice") { Param = "tool_choice" };
            }

            return new(takesTools ? conversation : GenericHistory.Rewrite(conversation, systemText: null), template, grammar: null, format: null);
        }

        if (choice.Mode == ToolChoiceMode.Function && tools.All(t => t.Name != choice.FunctionName))
        {
            throw new InvalidRequestException(
                $"tool_choice names the function '{choice.FunctionName}', which is not among the tools ({string.Join(", ", tools.Select(t => t.Name))}).",
                "invalid_tool_choice") { Param = "tool_choice" };
        }

        if (sampling?.Grammar is not null)
        {
            throw new InvalidRequestException("A grammar cannot be combined with tools: tool calls have their own grammar.", "invalid_tools") { Param = "tools" };
        }

        // No calls: the tools are left out of the prompt, so a model that calls whenever it sees tools answers in text.
        if (choice.Mode == ToolChoiceMode.None)
        {
            return new(takesTools ? conversation : GenericHistory.Rewrite(conversation, systemText: null), WithoutTools(template!), grammar: null, format: null);
        }

        bool parallel = template!.ParallelToolCalls;
        var allowed = choice.Mode == ToolChoiceMode.Function ? tools.Where(t => t.Name == choice.FunctionName).ToList() : tools;
        if (!takesTools)
        {
            format = GenericToolCallFormat.Instance;
            string system = GenericToolCallFormat.SystemPrompt(allowed, allowText: choice.Mode == ToolChoiceMode.Auto, parallel);
            conversation = GenericHistory.Rewrite(conversation, system);
            template = WithoutTools(template);
        }

        var grammar = ToolGrammar.Build(format, allowed, choice, parallel, isOneToken, schemaToGbnf);
        return new(conversation, template, grammar, format);
    }

    private static ChatTemplateOptions WithoutTools(ChatTemplateOptions template) => new()
    {
        TemplateKwargs = template.TemplateKwargs,
        ToolChoice = template.ToolChoice,
        ParallelToolCalls = template.ParallelToolCalls,
    };

    private static List<ChatTool> ReadTools(IReadOnlyList<JsonObject>? tools)
    {
        var read = new List<ChatTool>();
        for (int i = 0; i < (tools?.Count ?? 0); i++)
        {
            ChatTool tool = ChatTool.FromJson(tools![i], $"tools[{i}]");
            if (read.Any(t => t.Name == tool.Name))
            {
                throw new InvalidRequestException($"tools[{i}].function.name '{tool.Name}' is given twice.", "invalid_tools") { Param = $"tools[{i}].function.name" };
            }

            read.Add(tool);
        }

        return read;
    }

    /// <summary>A tool result must answer a call an earlier assistant turn made.</summary>
    private static void CheckToolResults(IReadOnlyList<ChatTurn> conversation)
    {
        var calls = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < conversation.Count; i++)
        {
            ChatTurn turn = conversation[i];
            foreach (ChatToolCall call in turn.ToolCalls ?? [])
            {
                calls.Add(call.Id);
            }

            if (turn.Role == "tool" && turn.ToolCallId is { } id && !calls.Contains(id))
            {
                throw new InvalidRequestException(
                    $"messages[{i}] is a tool result for tool_call_id '{id}', but no earlier assistant message made a call with that id.",
                    "invalid_tool_message") { Param = $"messages[{i}].tool_call_id" };
            }
        }
    }
}
