using LocalMultimodal.Generation;

namespace LocalMultimodal.Server.Protocol;

/// <summary>Token counts, with the prompt split by modality.</summary>
internal sealed class Usage
{
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int TotalTokens { get; init; }

    public required PromptTokensDetails PromptTokensDetails { get; init; }

    public static Usage From(TokenUsage usage) => new()
    {
        PromptTokens = usage.PromptTokens,
        CompletionTokens = usage.CompletionTokens,
        TotalTokens = usage.TotalTokens,
        PromptTokensDetails = new PromptTokensDetails
        {
            CachedTokens = usage.CachedPromptTokens,
            TextTokens = usage.TextTokens,
            ImageTokens = usage.ImageTokens,
            AudioTokens = usage.AudioTokens,
        },
    };
}
