using System.Text;
using System.Text.RegularExpressions;
using LLama;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Prompts;

/// <summary>
/// Renders a conversation with the model's chat template (or the configured override) into prompt pieces.
/// Message content is put through the template as placeholders and substituted afterwards, so text a
/// user wrote is always tokenized as text: markers and special-token strings in it mean nothing.
/// </summary>
internal sealed partial class ChatTemplateRenderer
{
    private readonly LLamaWeights weights;
    private readonly string? customTemplate;
    private readonly string? unusableReason;

    public ChatTemplateRenderer(LLamaWeights weights, string? customTemplate)
    {
        this.weights = weights;
        this.customTemplate = customTemplate;
        unusableReason = Probe();
    }

    /// <summary>Renders <paramref name="turns"/>; <paramref name="media"/> are their media items, prepared, in order.</summary>
    public IReadOnlyList<PromptPiece> Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<PreparedMedia> media)
    {
        if (unusableReason is not null)
        {
            throw new InvalidRequestException(
                $"The model has no usable chat template ({unusableReason}). Set EngineOptions.ChatTemplate " +
                "(server: --chat-template) to a template llama.cpp knows, such as 'chatml', or send a raw prompt.",
                "chat_template_missing");
        }

        var texts = new List<string>();
        int mediaCount = 0;
        var template = CreateTemplate();
        foreach (var turn in turns)
        {
            var content = new StringBuilder();
            foreach (var item in turn.Items)
            {
                if (item.Media is not null)
                {
                    content.Append(Placeholder('M', mediaCount++));
                }
                else
                {
                    content.Append(Placeholder('T', texts.Count));
                    texts.Add(item.Text!);
                }
            }

            template.Add(turn.Role, content.ToString());
        }

        string rendered = Encoding.UTF8.GetString(template.Apply());
        return Split(rendered, texts, media);
    }

    private List<PromptPiece> Split(string rendered, List<string> texts, IReadOnlyList<PreparedMedia> media)
    {
        var pieces = new List<PromptPiece>();
        var run = new StringBuilder();
        int at = 0;
        foreach (Match match in PlaceholderPattern().Matches(rendered))
        {
            run.Append(rendered, at, match.Index - at);
            int index = int.Parse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (match.Groups[1].Value == "M")
            {
                Flush(run, pieces);
                pieces.Add(new MediaPiece(media[index]));
            }
            else if (HasSpecialTokenText(texts[index]))
            {
                Flush(run, pieces);
                pieces.Add(new TextPiece(texts[index], ParseSpecial: false));
            }
            else
            {
                // Plain text joins the template text around it, so it tokenizes exactly as llama.cpp's server would.
                run.Append(texts[index]);
            }

            at = match.Index + match.Length;
        }

        run.Append(rendered, at, rendered.Length - at);
        Flush(run, pieces);
        return pieces;
    }

    private static void Flush(StringBuilder run, List<PromptPiece> pieces)
    {
        if (run.Length > 0)
        {
            pieces.Add(new TextPiece(run.ToString(), ParseSpecial: true));
            run.Clear();
        }
    }

    /// <summary>True when the text holds a special token's text, which must stay text rather than become the token.</summary>
    private bool HasSpecialTokenText(string text) =>
        !weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8)
            .SequenceEqual(weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8));

    private LLamaTemplate CreateTemplate() =>
        customTemplate is null
            ? new LLamaTemplate(weights) { AddAssistant = true }
            : new LLamaTemplate(customTemplate) { AddAssistant = true };

    private string? Probe()
    {
        if (customTemplate is null && !weights.Metadata.ContainsKey("tokenizer.chat_template"))
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

    // Private-use characters keep the placeholders apart from anything a template writes.
    private static string Placeholder(char kind, int index) => $"\uE000{kind}{index}\uE001";

    [GeneratedRegex("\uE000([MT])([0-9]+)\uE001")]
    private static partial Regex PlaceholderPattern();
}
