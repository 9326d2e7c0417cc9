using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Generation;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Grammar-constrained decoding over free decoding, single stream, on the bench LLM with a 32 k vocabulary (the
/// grammar's cost grows with the vocabulary). Both sample at temperature 1 with the same seeds for the same number
/// of tokens; the grammar is a tool-call-like JSON schema. A random-weight model picks a token the grammar refuses
/// at almost every step, so this is the slow path: the grammar filters the whole vocabulary at each of those steps.
/// </summary>
internal sealed class GrammarScenario : IScenario
{
    private const int OutputTokens = 128;

    private const string Schema = """
        {"type":"array","items":{"type":"object","properties":{
          "name":{"type":"string","maxLength":16},"count":{"type":"integer"},"colour":{"enum":["red","green","blue"]},
          "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":3},"when":{"type":"string","format":"date"}},
          "required":["name","count","colour"],"additionalProperties":false}}
        """;

    public string Name => "grammar";

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        string llm = BenchModels.WriteLargeVocabularyLlm(Path.Combine(Path.GetDirectoryName(settings.Models.Llm)!, "grammar"));
        using var schema = JsonDocument.Parse(Schema);
        var grammar = GrammarConstraint.ForJsonSchema(schema.RootElement);
        var prompt = new MultimodalPrompt("<|im_start|>user\nList the paints as JSON.<|im_end|>\n<|im_start|>assistant\n");

        var free = new List<double>();
        var constrained = new List<double>();
        int jsonRuns = 0;
        await using (var engine = await MultimodalEngine.LoadAsync(new EngineOptions { ModelPath = llm, Threads = settings.Threads, MaxConcurrentSequences = 1, ContextSize = BenchSettings.ContextPerSequence }))
        {
            for (int run = 0; run <= settings.Runs; run++)
            {
                // Alternate, so drift in machine load falls on both alike; run 0 is the warm-up.
                var freeResult = await engine.GenerateAsync(prompt, Sampling((uint)run, grammar: null)).CollectAsync();
                var grammarResult = await engine.GenerateAsync(prompt, Sampling((uint)run, grammar)).CollectAsync();
                if (run > 0)
                {
                    free.Add(TokensPerSecond(freeResult));
                    constrained.Add(TokensPerSecond(grammarResult));
                }

                jsonRuns += grammarResult.Text.StartsWith('[') ? 1 : 0;
            }
        }

        double freeSpeed = Stats.Median(free);
        double grammarSpeed = Stats.Median(constrained);
        return new JsonObject
        {
            ["decode_ratio"] = Stats.Round(grammarSpeed / freeSpeed, 3),
            ["grammar_decode_tok_s"] = Stats.Round(grammarSpeed),
            ["free_decode_tok_s"] = Stats.Round(freeSpeed),
            ["vocabulary"] = BenchModels.LargeVocabularySize,
            ["output_tokens"] = OutputTokens,
            ["grammar_outputs_are_json"] = jsonRuns == settings.Runs + 1,
        };
    }

    private static SamplingOptions Sampling(uint seed, GrammarConstraint? grammar) => new()
    {
        Temperature = 1,
        Seed = seed + 1,
        MaxTokens = OutputTokens,
        IgnoreEndOfSequence = true,
        Grammar = grammar,
    };

    private static double TokensPerSecond(GenerationResult result) =>
        (result.TokenIds.Count - 1) / result.Timings.Decode.TotalSeconds;
}
