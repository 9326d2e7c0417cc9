namespace LocalMultimodal.Generation;

/// <summary>Token counts of one request.</summary>
/// <param name="PromptTokens">All prompt positions: text, media and the text that wraps media.</param>
/// <param name="CompletionTokens">Generated tokens.</param>
/// <param name="TextTokens">Prompt tokens that came from text.</param>
/// <param name="ImageTokens">Prompt tokens that came from images (video frames included).</param>
/// <param name="AudioTokens">Prompt tokens that came from audio.</param>
/// <param name="CachedPromptTokens">Prompt tokens served from a cache instead of being computed.</param>
public sealed record TokenUsage(
    int PromptTokens,
    int CompletionTokens,
    int TextTokens,
    int ImageTokens,
    int AudioTokens,
    int CachedPromptTokens = 0)
{
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
