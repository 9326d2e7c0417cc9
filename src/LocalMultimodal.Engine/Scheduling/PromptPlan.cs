using LocalMultimodal.Generation;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>A prompt turned into decodable steps, with its token counts.</summary>
internal sealed record PromptPlan(IReadOnlyList<PlanStep> Steps)
{
    public int Positions => Steps.Sum(s => s.Positions);

    public TokenUsage Usage(int completionTokens)
    {
        int text = Steps.OfType<TokenStep>().Sum(s => s.Tokens.Length);
        int image = Steps.OfType<EmbeddingStep>().Where(s => s.Modality != MediaModality.Audio).Sum(s => s.Tokens);
        int audio = Steps.OfType<EmbeddingStep>().Where(s => s.Modality == MediaModality.Audio).Sum(s => s.Tokens);
        return new TokenUsage(text + image + audio, completionTokens, text, image, audio);
    }
}
