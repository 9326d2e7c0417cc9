using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LocalMultimodal.Prompts;

/// <summary>
/// A conversation with its content replaced by placeholders, for the chat template to render: each text item
/// and media item becomes a private-use marker, so the template never sees (or rewrites) what a user wrote.
/// <see cref="Substitute"/> turns the rendered text back into prompt pieces. Pure: no model involved.
/// </summary>
internal sealed partial class ChatPlaceholders
{
    private readonly List<string> _texts = [];

    public ChatPlaceholders(IReadOnlyList<ChatTurn> turns)
    {
        var messages = new List<(string Role, string Content)>();
        int mediaCount = 0;
        foreach (var turn in turns)
        {
            var content = new StringBuilder();
            foreach (var item in turn.Items)
            {
                if (item.Media is not null)
                {
                    content.Append(Placeholder('M', mediaCount++));
                }
                else if (item.Text!.Length > 0)
                {
                    // Empty text stays empty, so a template's "if message.content" sees no content.
                    content.Append(Placeholder('T', _texts.Count));
                    _texts.Add(item.Text!);
                }
            }

            messages.Add((turn.Role, content.ToString()));
        }

        Messages = messages;
    }

    /// <summary>The messages to render, their content as placeholders.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages { get; }

    /// <summary>
    /// Splits the rendered template at the placeholders: a media marker becomes its item from
    /// <paramref name="media"/> (in order); plain text joins the template text around it, so it tokenizes as
    /// llama.cpp's server would; text holding special-token text (<paramref name="hasSpecialTokenText"/>)
    /// becomes a piece of its own that is never parsed for special tokens.
    /// </summary>
    public List<PromptPiece> Substitute(string rendered, IReadOnlyList<PreparedMedia> media, Func<string, bool> hasSpecialTokenText)
    {
        var pieces = new List<PromptPiece>();
        var run = new StringBuilder();
        int at = 0;
        foreach (Match match in PlaceholderPattern().Matches(rendered))
        {
            run.Append(rendered, at, match.Index - at);
            int index = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            if (match.Groups[1].Value == "M")
            {
                Flush(run, pieces);
                pieces.Add(new MediaPiece(media[index]));
            }
            else if (hasSpecialTokenText(_texts[index]))
            {
                Flush(run, pieces);
                pieces.Add(new TextPiece(_texts[index], ParseSpecial: false));
            }
            else
            {
                run.Append(_texts[index]);
            }

            at = match.Index + match.Length;
        }

        run.Append(rendered, at, rendered.Length - at);
        Flush(run, pieces);
        return pieces;
    }

    /// <summary>
    /// The rendered template with each text placeholder replaced by its text and each media placeholder by
    /// <see cref="MultimodalPrompt.MediaMarker"/>: the prompt as llama.cpp's server shows it.
    /// </summary>
    public string ToText(string rendered) =>
        PlaceholderPattern().Replace(rendered, match => match.Groups[1].Value == "M"
            ? MultimodalPrompt.MediaMarker
            : _texts[int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture)]);

    private static void Flush(StringBuilder run, List<PromptPiece> pieces)
    {
        if (run.Length > 0)
        {
            pieces.Add(new TextPiece(run.ToString(), ParseSpecial: true));
            run.Clear();
        }
    }

    // Private-use characters keep the placeholders apart from anything a template writes.
    private static string Placeholder(char kind, int index) => $"\uE000{kind}{index}\uE001";

    [GeneratedRegex("\uE000([MT])([0-9]+)\uE001")]
    private static partial Regex PlaceholderPattern();
}
