using System.Text;
using LLama;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Prompts;

/// <summary>
/// Renders a conversation with the model's chat template (or the configured override) into prompt pieces.
/// Message content is put through the template as placeholders and substituted afterwards, so text a
/// user wrote is always tokenized as text: markers and special-token strings in it mean nothing.
/// </summary>
internal sealed class ChatTemplateRenderer
{
    private readonly LLamaWeights _weights;
    private readonly string? _customTemplate;
    private readonly string? _unusableReason;

    public ChatTemplateRenderer(LLamaWeights weights, string? customTemplate)
    {
        _weights = weights;
        _customTemplate = customTemplate;
        _unusableReason = Probe();
    }

    /// <summary>Renders <paramref name="turns"/>; <paramref name="media"/> are their media items, prepared, in order.</summary>
    public IReadOnlyList<PromptPiece> Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<PreparedMedia> media)
    {
        if (_unusableReason is not null)
        {
            throw new InvalidRequestException(
                $"The model has no usable chat template ({_unusableReason}). Set EngineOptions.ChatTemplate " +
                "(server: --chat-template) to a template llama.cpp knows, such as 'chatml', or send a raw prompt.",
                "chat_template_missing");
        }

        var placeholders = new ChatPlaceholders(turns);
        var template = CreateTemplate();
        foreach (var (role, content) in placeholders.Messages)
        {
            template.Add(role, content);
        }

        string rendered = Encoding.UTF8.GetString(template.Apply());
        return placeholders.Substitute(rendered, media, HasSpecialTokenText);
    }

    /// <summary>True when the text holds a special token's text, which must stay text rather than become the token.</summary>
    private bool HasSpecialTokenText(string text) =>
        !_weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8)
            .SequenceEqual(_weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8));

    private LLamaTemplate CreateTemplate() =>
        _customTemplate is null
            ? new LLamaTemplate(_weights) { AddAssistant = true }
            : new LLamaTemplate(_customTemplate) { AddAssistant = true };

    private string? Probe()
    {
        if (_customTemplate is null && !_weights.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            return "the model file has no tokenizer.chat_template";
        }

        try
        {
            var template = CreateTemplate();
            template.Add("user", "hi");
            return template.Apply().Length > 0 ? null : "the template renders nothing";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "llama.cpp does not recognise the template";
        }
    }
}
