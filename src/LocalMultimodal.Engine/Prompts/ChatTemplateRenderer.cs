using System.Text;
using System.Text.Json.Nodes;
using LLama;
using LocalMultimodal.Errors;
using LocalMultimodal.Jinja;

namespace LocalMultimodal.Prompts;

/// <summary>
/// Renders a conversation with the model's chat template (or the configured override) into prompt pieces.
/// A Jinja template (the model's <c>tokenizer.chat_template</c>, a template file or template text) is rendered
/// by <see cref="JinjaTemplate"/> as Hugging Face renders it; a llama.cpp template name, or a template that does
/// not parse, goes to llama.cpp's built-in template for the family. Message content is put through the template
/// as placeholders and substituted afterwards, so text a user wrote is always tokenized as text: markers and
/// special-token strings in it mean nothing.
/// </summary>
internal sealed class ChatTemplateRenderer
{
    private const string ModelTemplateKey = "tokenizer.chat_template";

    private readonly LLamaWeights _weights;
    private readonly JinjaTemplate? _jinja;
    private readonly string? _builtInName;
    private readonly string? _unusableReason;
    private readonly string _bosToken;
    private readonly string _eosToken;
    private readonly string? _parseError;

    public ChatTemplateRenderer(LLamaWeights weights, string? configured)
    {
        _weights = weights;
        _bosToken = TokenText(weights, weights.Vocab.BOS);
        _eosToken = TokenText(weights, weights.Vocab.EOS);
        string? source = configured is not null && File.Exists(configured) ? File.ReadAllText(configured) : configured;
        if (source is not null && !LooksLikeJinja(source))
        {
            _builtInName = source; // a llama.cpp template name such as "chatml"
        }
        else
        {
            source ??= weights.Metadata.GetValueOrDefault(ModelTemplateKey);
            _jinja = TryParse(source, out _parseError);
            _builtInName = _jinja is null ? source : null;
        }

        _unusableReason = _jinja is null ? ProbeBuiltIn() : null;
        ToolFormat = Tools.ToolCallFormats.Detect(_jinja is null ? null : source, out bool takesTools);
        TakesTools = takesTools;
    }

    /// <summary>The format the template writes tool calls in (generic when it takes no tools).</summary>
    public Tools.ToolCallFormat ToolFormat { get; }

    /// <summary>True when the template renders <c>tools</c> itself; otherwise they go into the system turn.</summary>
    public bool TakesTools { get; }

    /// <summary>Renders <paramref name="turns"/>; <paramref name="media"/> are their media items, prepared, in order.</summary>
    public IReadOnlyList<PromptPiece> Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<PreparedMedia> media, ChatTemplateOptions? options)
    {
        var placeholders = new ChatPlaceholders(turns);
        return placeholders.Substitute(Apply(turns, placeholders, options), media, HasSpecialTokenText);
    }

    /// <summary>The text that is tokenized for <paramref name="turns"/>, with the media marker where media stand.</summary>
    public string RenderText(IReadOnlyList<ChatTurn> turns, ChatTemplateOptions? options)
    {
        var placeholders = new ChatPlaceholders(turns);
        return placeholders.ToText(Apply(turns, placeholders, options));
    }

    private string Apply(IReadOnlyList<ChatTurn> turns, ChatPlaceholders placeholders, ChatTemplateOptions? options)
    {
        if (turns.Count == 0)
        {
            throw new InvalidRequestException("The conversation has no messages.", "empty_conversation") { Param = "messages" };
        }

        return _jinja is not null ? ApplyJinja(_jinja, turns, placeholders, options) : ApplyBuiltIn(turns, placeholders, options);
    }

    private string ApplyJinja(JinjaTemplate template, IReadOnlyList<ChatTurn> turns, ChatPlaceholders placeholders, ChatTemplateOptions? options)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = Messages(turns, placeholders),
            ["tools"] = options?.Tools is { } tools ? tools.ToList() : null,
            ["add_generation_prompt"] = true,
            ["bos_token"] = _bosToken,
            ["eos_token"] = _eosToken,
        };
        foreach (var (name, value) in options?.TemplateKwargs ?? new Dictionary<string, object?>())
        {
            if (name is "messages" or "tools")
            {
                throw new InvalidRequestException(
                    $"chat_template_kwargs cannot set '{name}'; send it as the request's own field.", "invalid_chat_template_kwargs") { Param = "chat_template_kwargs" };
            }

            context[name] = value;
        }

        string rendered;
        try
        {
            rendered = template.Render(context);
        }
        catch (JinjaRenderException e)
        {
            throw new InvalidRequestException(
                e.TemplateMessage is { } refusal ? $"The chat template refused the conversation: {refusal}" : $"The chat template failed: {e.Message}",
                "chat_template_error", e) { Param = "messages" };
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException($"chat_template_kwargs: {e.Message}", "invalid_chat_template_kwargs", e) { Param = "chat_template_kwargs" };
        }

        // The tokenizer adds the BOS itself where the model wants one; a template that writes it too would double it.
        return _weights.Vocab.ShouldAddBOS && _bosToken.Length > 0 && rendered.StartsWith(_bosToken, StringComparison.Ordinal)
            ? rendered[_bosToken.Length..]
            : rendered;
    }

    private static List<Dictionary<string, object?>> Messages(IReadOnlyList<ChatTurn> turns, ChatPlaceholders placeholders)
    {
        var messages = new List<Dictionary<string, object?>>(turns.Count);
        for (int i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            var message = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["role"] = turn.Role,
                ["content"] = placeholders.Messages[i].Content, // never null: templates concatenate it
            };
            if (turn.ToolCalls is { Count: > 0 } calls)
            {
                message["tool_calls"] = calls.Select(call => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = call.Name, ["arguments"] = (JsonNode)call.Arguments },
                }).ToList();
            }

            if (turn.ToolCallId is { } id)
            {
                message["tool_call_id"] = id;
            }

            if (turn.Name is { } name)
            {
                message["name"] = name;
            }

            messages.Add(message);
        }

        return messages;
    }

    private string ApplyBuiltIn(IReadOnlyList<ChatTurn> turns, ChatPlaceholders placeholders, ChatTemplateOptions? options)
    {
        if (_unusableReason is not null)
        {
            throw new InvalidRequestException(
                $"The model has no usable chat template ({_unusableReason}). Set EngineOptions.ChatTemplate " +
                "(server: --chat-template) to a template llama.cpp knows, such as 'chatml', a template file or Jinja text, or send a raw prompt.",
                "chat_template_missing");
        }

        // llama.cpp's built-in templates take roles and text only: what they cannot render is refused, never dropped.
        string? refused = options?.Tools is { Count: > 0 } ? "tools"
            : options?.TemplateKwargs is { Count: > 0 } ? "chat_template_kwargs"
            : turns.Any(t => t.ToolCalls is { Count: > 0 }) ? "tool_calls"
            : null;
        if (refused is not null)
        {
            throw new InvalidRequestException(
                $"{refused} cannot be used with llama.cpp's built-in chat template {(_builtInName is { Length: <= 40 } name ? $"'{name}'" : "of the model")}; give a Jinja chat template.",
                "chat_template_unsupported") { Param = refused };
        }

        var template = CreateBuiltIn();
        foreach (var (role, content) in placeholders.Messages)
        {
            template.Add(role, content);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>True when the text holds a special token's text, which must stay text rather than become the token.</summary>
    private bool HasSpecialTokenText(string text) =>
        !_weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8)
            .SequenceEqual(_weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8));

    private LLamaTemplate CreateBuiltIn() =>
        _builtInName is null
            ? new LLamaTemplate(_weights) { AddAssistant = true }
            : new LLamaTemplate(_builtInName) { AddAssistant = true };

    private string? ProbeBuiltIn()
    {
        if (_builtInName is null && !_weights.Metadata.ContainsKey(ModelTemplateKey))
        {
            return "the model file has no tokenizer.chat_template";
        }

        try
        {
            var template = CreateBuiltIn();
            template.Add("user", "hi");
            return template.Apply().Length > 0 ? null : "the template renders nothing";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return _parseError is null
                ? "llama.cpp does not recognise the template"
                : $"its Jinja does not parse ({_parseError}) and llama.cpp does not recognise the template";
        }
    }

    private static JinjaTemplate? TryParse(string? source, out string? error)
    {
        error = null;
        if (source is null)
        {
            return null;
        }

        try
        {
            return JinjaTemplate.Parse(source);
        }
        catch (JinjaParseException e)
        {
            error = e.Message;
            return null; // llama.cpp's built-in template for the family is the fallback
        }
    }

    // llama.cpp template names are single words; anything with Jinja delimiters is template text.
    private static bool LooksLikeJinja(string text) => text.Contains("{%", StringComparison.Ordinal) || text.Contains("{{", StringComparison.Ordinal);

    private static string TokenText(LLamaWeights weights, LLama.Native.LLamaToken? token) =>
        token is null ? string.Empty : weights.Vocab.LLamaTokenToString(token, isSpecialToken: true) ?? string.Empty;
}
