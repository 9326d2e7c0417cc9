using LocalMultimodal.Generation;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>A prompt turned into decodable steps, with its token counts.</summary>
internal sealed record PromptPlan(IReadOnlyList<PlanStep> Steps)
{
    public int Positions { get; } = Steps.Sum(s => s.Positions);

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
