using LocalMultimodal.Generation;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>A prompt turned into decodable steps, with its token counts.</summary>
internal sealed record PromptPlan(IReadOnlyList<PlanStep> Steps)
{
    /// <summary>The positions the prompt moves through (fewer than its cells when it has M-RoPE images).</summary>
    public int Positions { get; } = Steps.Sum(s => s.Positions);

    /// <summary>The KV cells (rows) the prompt fills: what the context must hold.</summary>
    public int Cells { get; } = Steps.Sum(s => s.Cells);

    /// <summary>The prompt as prefix-matching sees it.</summary>
    public IReadOnlyList<KvUnit> Units { get; } = [.. Steps.SelectMany(KvUnit.Of)];

    public TokenUsage Usage(int completionTokens, int cachedPromptTokens)
    {
        int text = Steps.OfType<TokenStep>().Sum(s => s.Tokens.Length);
        int image = MediaTokens(m => m != MediaModality.Audio);
        int audio = MediaTokens(m => m == MediaModality.Audio);
        return new TokenUsage(text + image + audio, completionTokens, text, image, audio, cachedPromptTokens);
    }

    private int MediaTokens(Func<MediaModality, bool> modality) =>
        Steps.OfType<EmbeddingStep>().Where(s => modality(s.Modality)).Sum(s => s.Tokens)
        + Steps.OfType<UnresolvedMediaStep>().Where(s => modality(s.Modality)).Sum(s => s.Tokens);
}
