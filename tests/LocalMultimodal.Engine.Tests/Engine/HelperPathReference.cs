using LLama;
using LLama.Native;
using LocalMultimodal.Native;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// The reference for the engine's media path: libmtmd tokenizes the whole prompt and its own helper
/// (<c>mtmd_helper_eval_chunk_single</c>) encodes and decodes every chunk; then greedy tokens follow.
/// </summary>
internal static class HelperPathReference
{
    public static List<int> GreedyTokens(NativeModelsFixture fixture, MtmdWeights projector, string prompt, SafeMtmdEmbed[] embeds, int count)
    {
        using var context = fixture.Weights.CreateContext(fixture.LlmParams);
        using var chunks = NativeChunks.Tokenize(projector.NativeHandle, prompt, addSpecial: true, parseSpecial: true, embeds, out int status);
        Assert.Equal(0, status);
        int past = 0;
        for (int i = 0; i < chunks!.Count; i++)
        {
            using var chunk = chunks[i];
            bool last = i == chunks.Count - 1;
            Assert.Equal(0, projector.NativeHandle.EvaluateChunk(chunk.NativePtr, context.NativeHandle, ref past, 0, (int)context.BatchSize, last));
        }

        using var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGreedySampler();
        var tokens = new List<int>();
        var batch = new LLamaBatch();
        for (int i = 0; i < count; i++)
        {
            var token = chain.Sample(context.NativeHandle, -1);
            tokens.Add((int)token);
            batch.Clear();
            batch.Add(token, past++, (LLamaSeqId)0, true);
            Assert.Equal(DecodeResult.Ok, context.NativeHandle.Decode(batch));
        }

        return tokens;
    }
}
