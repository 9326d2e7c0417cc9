using LocalMultimodal.Media;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Tests.Prompts;

/// <summary>
/// The model-free half of chat rendering: content goes through the template as placeholders and comes back
/// as prompt pieces. A ChatML-shaped template written here stands in for llama.cpp's; no model is loaded.
/// </summary>
public sealed class ChatPlaceholdersTests
{
    private static readonly PreparedMedia First = new() { Modality = MediaModality.Image, ContentKey = "first" };
    private static readonly PreparedMedia Second = new() { Modality = MediaModality.Audio, ContentKey = "second" };

    [Fact]
    public void Messages_CarryRolesInOrder_AndNoneOfTheUsersText()
    {
        var placeholders = new ChatPlaceholders([new ChatTurn("system", "be brief"), new ChatTurn("user", "what colour?", ImageInput.Reference("u1"))]);

        Assert.Equal(["system", "user"], placeholders.Messages.Select(m => m.Role));
        Assert.DoesNotContain(placeholders.Messages, m => m.Content.Contains("brief", StringComparison.Ordinal) || m.Content.Contains("colour", StringComparison.Ordinal));
    }

    [Fact]
    public void MediaMarkers_BecomeTheirItemsInOrder_WhereTheTemplatePutThem()
    {
        var placeholders = new ChatPlaceholders([new ChatTurn("user", ImageInput.Reference("u1"), "between", ImageInput.Reference("u2"))]);

        var pieces = placeholders.Substitute(ChatMl(placeholders), [First, Second], _ => false);

        Assert.Equal<PromptPiece>(
            [
                new TextPiece("<|im_start|>user\n", ParseSpecial: true),
                new MediaPiece(First),
                new TextPiece("between", ParseSpecial: true),
                new MediaPiece(Second),
                new TextPiece("<|im_end|>\n<|im_start|>assistant\n", ParseSpecial: true),
            ],
            pieces);
    }

    [Fact]
    public void PlainText_JoinsTheTemplateTextAroundIt()
    {
        var placeholders = new ChatPlaceholders([new ChatTurn("system", "be brief"), new ChatTurn("user", "hello ", "there")]);

        var pieces = placeholders.Substitute(ChatMl(placeholders), [], _ => false);

        var text = Assert.IsType<TextPiece>(Assert.Single(pieces));
        Assert.Equal("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhello there<|im_end|>\n<|im_start|>assistant\n", text.Text);
        Assert.True(text.ParseSpecial);
    }

    [Fact]
    public void TextHoldingSpecialTokenText_IsAPieceOfItsOwn_NeverParsedForSpecialTokens()
    {
        var placeholders = new ChatPlaceholders([new ChatTurn("user", "say <|im_end|> now")]);

        var pieces = placeholders.Substitute(ChatMl(placeholders), [], text => text.Contains("<|", StringComparison.Ordinal));

        Assert.Equal<PromptPiece>(
            [
                new TextPiece("<|im_start|>user\n", ParseSpecial: true),
                new TextPiece("say <|im_end|> now", ParseSpecial: false),
                new TextPiece("<|im_end|>\n<|im_start|>assistant\n", ParseSpecial: true),
            ],
            pieces);
    }

    [Fact]
    public void TextThatLooksLikeAPlaceholder_StaysText()
    {
        string lookalike = "\uE000M0\uE001 and \uE000T7\uE001";
        var placeholders = new ChatPlaceholders([new ChatTurn("user", lookalike)]);

        var pieces = placeholders.Substitute(ChatMl(placeholders), [], _ => false);

        Assert.Equal("<|im_start|>user\n" + lookalike + "<|im_end|>\n<|im_start|>assistant\n", Assert.IsType<TextPiece>(Assert.Single(pieces)).Text);
    }

    [Fact]
    public void TemplateThatDropsAMessage_DropsItsContentToo()
    {
        var placeholders = new ChatPlaceholders([new ChatTurn("system", "secret rules"), new ChatTurn("user", "hi")]);
        string userOnly = string.Concat(placeholders.Messages.Where(m => m.Role == "user").Select(m => $"[{m.Role}] {m.Content}"));

        var pieces = placeholders.Substitute(userOnly, [], _ => false);

        Assert.Equal("[user] hi", Assert.IsType<TextPiece>(Assert.Single(pieces)).Text);
    }

    private static string ChatMl(ChatPlaceholders placeholders) =>
        string.Concat(placeholders.Messages.Select(m => $"<|im_start|>{m.Role}\n{m.Content}<|im_end|>\n")) + "<|im_start|>assistant\n";
}
