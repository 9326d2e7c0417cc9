using LLama;
using LLama.Native;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

/// <summary>
/// The outcome of one media prompt: the chunk layout (e.g. <c>Image:16</c>), the tokens of its text chunks,
/// and the greedy tokens generated after it.
/// </summary>
internal sealed record MediaGeneration(IReadOnlyList<string> Chunks, IReadOnlyList<int> TextTokens, IReadOnlyList<int> Tokens)
{
    /// <summary>Each chunk's positions (<c>mtmd_input_chunk_get_n_pos</c>), in chunk order.</summary>
    public IReadOnlyList<long> Positions { get; init; } = [];

    /// <summary>
    /// Tokenizes a ChatML prompt with one media marker per embed, evaluates it in a fresh context and
    /// samples <paramref name="count"/> greedy tokens.
    /// </summary>
    public static MediaGeneration Run(NativeModelsFixture fixture, MtmdWeights projector, SafeMtmdEmbed[] embeds, int count = 8) =>
        Run(fixture.Weights, fixture.LlmParams, projector, embeds, count);

    /// <summary>As <see cref="Run(NativeModelsFixture, MtmdWeights, SafeMtmdEmbed[], int)"/>, with the LLM <paramref name="kind"/> goes with.</summary>
    public static MediaGeneration Run(NativeModelsFixture fixture, ProjectorKind kind, SafeMtmdEmbed[] embeds, int count = 8)
    {
        var (weights, parameters) = fixture.LlmFor(kind);
        return Run(weights, parameters, fixture.Projector(kind), embeds, count);
    }

    private static MediaGeneration Run(LLamaWeights weights, LLama.Common.ModelParams parameters, MtmdWeights projector, SafeMtmdEmbed[] embeds, int count)
    {
        string markers = string.Concat(Enumerable.Repeat(NativeApi.MtmdDefaultMarker(), embeds.Length));
        string prompt = $"<|im_start|>user\n{markers}describe this<|im_end|>\n<|im_start|>assistant\n";
        using LLamaContext context = weights.CreateContext(parameters);
        int status = projector.Tokenize(prompt, addSpecial: true, parseSpecial: true, embeds, out SafeMtmdInputChunks? chunks);
        Assert.Equal(0, status);
        Assert.NotNull(chunks);
        using (chunks)
        {
            var layout = new List<string>();
            var text = new List<int>();
            var positions = new List<long>();
            foreach (SafeMtmdInputChunk chunk in chunks.Enumerate())
            {
                using (chunk)
                {
                    layout.Add($"{chunk.Type}:{chunk.NTokens}");
                    positions.Add(chunk.NPos);
                    foreach (LLamaToken token in chunk.GetTextTokensSpan())
                    {
                        text.Add((int)token);
                    }
                }
            }

            int past = 0;
            Assert.Equal(0, projector.EvaluateChunks(chunks, context.NativeHandle, ref past, 0, (int)context.BatchSize, logitsLast: true));
            return new MediaGeneration(layout, text, Generate(context, past, count)) { Positions = positions };
        }
    }

    /// <summary>Samples <paramref name="count"/> greedy tokens after a prefill that ended at <paramref name="past"/>.</summary>
    internal static List<int> Generate(LLamaContext context, int past, int count)
    {
        using SafeLLamaSamplerChainHandle chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGreedySampler();
        var tokens = new List<int>();
        var batch = new LLamaBatch();
        for (int i = 0; i < count; i++)
        {
            LLamaToken token = chain.Sample(context.NativeHandle, -1);
            tokens.Add((int)token);
            batch.Clear();
            batch.Add(token, past++, (LLamaSeqId)0, true);
            Assert.Equal(DecodeResult.Ok, context.NativeHandle.Decode(batch));
        }

        return tokens;
    }
}
