namespace LocalMultimodal.Bench.Baselines;

/// <summary>A baseline that answers image prompts; use it on the thread that created it.</summary>
internal interface IBaseline : IDisposable
{
    /// <summary>Answers one prompt per image; times are from the start of the call.</summary>
    IReadOnlyList<RawRequest> Run(IReadOnlyList<byte[]> images, int outputTokens);
}
