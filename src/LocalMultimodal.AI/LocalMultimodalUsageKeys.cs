namespace LocalMultimodal.AI;

/// <summary>The per-modality prompt token counts this client puts in <c>UsageDetails.AdditionalCounts</c>.</summary>
public static class LocalMultimodalUsageKeys
{
    /// <summary>Prompt tokens that came from text, the chat template included.</summary>
    public const string InputTextTokens = "InputTextTokens";

    /// <summary>Prompt tokens that came from images (video frames included).</summary>
    public const string InputImageTokens = "InputImageTokens";

    /// <summary>Prompt tokens that came from audio.</summary>
    public const string InputAudioTokens = "InputAudioTokens";
}
