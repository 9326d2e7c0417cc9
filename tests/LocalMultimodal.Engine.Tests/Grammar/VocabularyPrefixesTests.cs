using System.Runtime.InteropServices;
using System.Text.Json;
using LLama;
using LLama.Common;
using LocalMultimodal.Models;
using LocalMultimodal.Native;
using LocalMultimodal.Sampling;
using LocalMultimodal.Testing;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Grammar;

/// <summary>
/// The grammar filter that skips refused first bytes and refused tokens' subtrees keeps exactly the tokens llama.cpp's
/// grammar allows when asked about every token, at each step of a walk through a JSON schema's states on the 32 k
/// bench vocabulary (words and all their prefixes, so the prefix tree is deep).
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed unsafe class VocabularyPrefixesTests
{
    private const string Schema = """
        {"type":"array","items":{"type":"object","properties":{
          "name":{"type":"string","maxLength":6},"count":{"type":"integer"},"colour":{"enum":["red","green","blue"]},
          "tags":{"type":"array","items":{"type":"string","maxLength":3},"maxItems":2}},
          "required":["name","count","colour","tags"],"additionalProperties":false}}
        """;

    [Fact]
    public void TreeFilter_AllowsExactlyWhatAskingAboutEveryTokenAllows()
    {
        using var temp = new TempFolder();
        string path = BenchModels.WriteLargeVocabularyLlm(temp.Path);
        using var weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true, GpuLayerCount = 0 });
        using var schema = JsonDocument.Parse(Schema);
        using var grammar = GrammarSampler.Create(GrammarConstraint.ForJsonSchema(schema.RootElement), weights);
        var prefixes = VocabularyPrefixes.For(weights.NativeHandle);
        int vocabSize = weights.Vocab.Count;
        nint handle = grammar.DangerousGetHandle();
        var scratch = (NativeTokenData*)NativeMemory.Alloc((nuint)vocabSize, (nuint)sizeof(NativeTokenData));
        try
        {
            var random = new Random(5);
            var byteAllowed = new bool[256];
            var allowed = new bool[vocabSize];
            int pruned = 0;
            for (int step = 0; step < 80; step++)
            {
                var expected = AllowedByAskingEveryToken(handle, vocabSize, scratch);

                Array.Fill(byteAllowed, true);
                prefixes.MarkAllowed(handle, byteAllowed, allowed, scratch);
                Assert.Equal(expected, Allowed(allowed));

                prefixes.ProbeFirstBytes(handle, byteAllowed);
                prefixes.MarkAllowed(handle, byteAllowed, allowed, scratch);
                Assert.Equal(expected, Allowed(allowed));

                if (expected.Count == 0)
                {
                    break;
                }

                pruned += expected.Count < vocabSize / 2 ? 1 : 0;

                // Walk on through an allowed token, favouring long ones so strings reach their length limits.
                var longest = expected.OrderByDescending(t => weights.Vocab.LLamaTokenToString((LLama.Native.LLamaToken)t, true)?.Length ?? 0).Take(4).ToList();
                int next = random.Next(3) == 0 ? expected[random.Next(expected.Count)] : longest[random.Next(longest.Count)];
                LlamaExports.Accept(handle, next);
            }

            Assert.True(pruned > 10, $"the walk reached only {pruned} states that refuse most of the vocabulary");
        }
        finally
        {
            NativeMemory.Free(scratch);
        }
    }

    private static List<int> AllowedByAskingEveryToken(nint grammar, int vocabSize, NativeTokenData* scratch)
    {
        for (int token = 0; token < vocabSize; token++)
        {
            scratch[token] = new NativeTokenData { Id = token, Logit = 0, P = 0 };
        }

        var all = new NativeTokenDataArray { Data = scratch, Size = (nuint)vocabSize, Selected = -1, Sorted = false };
        LlamaExports.Apply(grammar, &all);
        var allowed = new List<int>();
        for (int i = 0; i < vocabSize; i++)
        {
            if (!float.IsNegativeInfinity(scratch[i].Logit))
            {
                allowed.Add(scratch[i].Id);
            }
        }

        return allowed;
    }

    private static List<int> Allowed(bool[] allowed) => [.. Enumerable.Range(0, allowed.Length).Where(t => allowed[t])];
}
