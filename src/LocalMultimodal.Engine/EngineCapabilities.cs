using LocalMultimodal.Media;

namespace LocalMultimodal;

/// <summary>What a loaded engine can take.</summary>
/// <param name="ModelName">The model's name from its metadata, or its file name.</param>
/// <param name="Modalities">The media kinds the projector accepts (video counts where images do).</param>
/// <param name="ContextSize">Tokens each sequence may hold.</param>
/// <param name="MaxConcurrentSequences">Sequences decoded at once.</param>
/// <param name="AudioSampleRate">The projector's audio sample rate, or 0 without audio.</param>
/// <param name="LimitPerPrompt">The per-prompt media limits in force.</param>
public sealed record EngineCapabilities(
    string ModelName,
    IReadOnlySet<MediaModality> Modalities,
    int ContextSize,
    int MaxConcurrentSequences,
    int AudioSampleRate,
    IReadOnlyDictionary<MediaModality, int> LimitPerPrompt)
{
    /// <summary>True when the model takes images.</summary>
    public bool SupportsImages => Modalities.Contains(MediaModality.Image);

    /// <summary>True when the model takes audio.</summary>
    public bool SupportsAudio => Modalities.Contains(MediaModality.Audio);
}
