using LLama;
using LLama.Native;
using LocalMultimodal.Caching;
using LocalMultimodal.Gguf;
using LocalMultimodal.Loading;
using LocalMultimodal.Models;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;
using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// What the Qwen-VL oracle tests share: an M-RoPE LLM with sharper weights (std 0.2) than the shared fixture, so
/// attention depends on positions and a wrong layout changes the output; the ChatML text around one user turn; and
/// the projector loaded for llama.cpp's own helper; and the engine's own tokenizer and batches on one sequence,
/// without the scheduler, with the tolerance their logits must meet against the helper's.
/// </summary>
internal static class MRopeOracle
{
    public const string SharpLlmFileName = "llm-qwen2vl-sharp.gguf";

    public static TempFolder WriteSharpLlm()
    {
        var folder = new TempFolder();
        File.WriteAllBytes(folder.File(SharpLlmFileName), GgufWriter.ToBytes(GeneratedModels.BuildMRopeLlm(seed: 7, weightStd: 0.2f)));
        return folder;
    }

    public static string ChatText(string user) => $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";

    public static MtmdWeights LoadProjector(string projectorPath, LLamaWeights weights)
    {
        var parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = 2;
        return MtmdWeights.LoadFromFile(projectorPath, weights, parameters);
    }

    /// <summary>The engine's tokenizer on <paramref name="model"/>, with no media cache and no prefix caching.</summary>
    public static PromptTokenizer Tokenizer(LoadedModel model)
    {
        var counters = new CacheCounters();
        return new PromptTokenizer(model, new MediaEncodingCache(0, counters), new UuidIndex(4), counters, prefixCaching: false);
    }

    /// <summary>
    /// Decodes a prompt's steps on sequence 0 through the engine's own batches (<see cref="EmbeddingBatch"/> for media
    /// rows) and returns the logits after the last one. <paramref name="linear"/> places media rows in a line instead
    /// of on their grid.
    /// </summary>
    public static float[] DecodeSteps(LoadedModel model, IReadOnlyList<PlanStep> steps, bool linear = false)
    {
        using var embeddings = new EmbeddingBatch(model.Weights.EmbeddingSize, mrope: true);
        var tokens = new LLamaBatch();
        var context = model.Context.NativeHandle;
        int position = 0;
        foreach (var step in steps)
        {
            bool last = step == steps[^1];
            if (step is TokenStep text)
            {
                tokens.Clear();
                for (int i = 0; i < text.Tokens.Length; i++)
                {
                    tokens.Add(text.Tokens[i], position + i, LLamaSeqId.Zero, last && i == text.Tokens.Length - 1);
                }

                Assert.Equal(DecodeResult.Ok, context.Decode(tokens));
                position += step.Positions;
            }
            else
            {
                var media = (EmbeddingStep)step;
                var layout = linear ? ChunkPositions.Linear(media.Tokens) : media.Layout;
                Assert.Equal(0, embeddings.Decode(context, media.Embeddings, 0, media.Tokens, layout, position, LLamaSeqId.Zero, last));
                position += layout.Count;
            }
        }

        return context.GetLogitsIth(-1).ToArray();
    }

    /// <summary>Every logit within 1e-4 of the helper's, relative to the largest when that is above 1.</summary>
    public static void AssertSameLogits(float[] expected, float[] actual, string side)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = expected.Max(Math.Abs);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1f, scale), $"logit {i}: helper {expected[i]}, {side} {actual[i]}");
        }
    }
}
