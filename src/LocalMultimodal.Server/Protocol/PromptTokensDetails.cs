namespace LocalMultimodal.Server.Protocol;

/// <summary><c>usage.prompt_tokens_details</c>: where the prompt's tokens came from.</summary>
internal sealed class PromptTokensDetails
{
    public int CachedTokens { get; init; }

    public int TextTokens { get; init; }

    public int ImageTokens { get; init; }

    public int AudioTokens { get; init; }
}
