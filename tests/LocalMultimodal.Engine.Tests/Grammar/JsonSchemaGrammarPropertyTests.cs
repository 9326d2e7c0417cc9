using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Colour;
using LocalMultimodal.Tests.Models;
using Xunit.Abstractions;

namespace LocalMultimodal.Tests.Grammar;

/// <summary>
/// Random schemas × sampling at temperature 1 with many seeds on the demo model: every output that completes
/// (finish reason Stop) must validate against its schema, checked by an independent validator (JsonSchema.Net,
/// formats included).
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class JsonSchemaGrammarPropertyTests(ColourModelsFixture fixture, ITestOutputHelper output)
{
    private const int Schemas = 32;
    private const int SeedsPerSchema = 2;

    private static readonly EvaluationOptions Validation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    [Fact]
    public async Task EveryCompletedOutput_ValidatesAgainstItsSchema()
    {
        var engine = await fixture.EngineAsync("gemma3");
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, 0, 0, 255));
        var random = new Random(12);
        int completed = 0;
        for (int i = 0; i < Schemas; i++)
        {
            JsonObject schemaNode = i % 8 == 7 ? RandomSchemas.WithDefinitions(random) : RandomSchemas.Next(random);
            string schemaText = schemaNode.ToJsonString();
            using var schemaDocument = JsonDocument.Parse(schemaText);
            var grammar = GrammarConstraint.ForJsonSchema(schemaDocument.RootElement);
            var validator = JsonSchema.FromText(schemaText);
            for (uint seed = 1; seed <= SeedsPerSchema; seed++)
            {
                var sampling = new SamplingOptions { Temperature = 1, Seed = seed + (uint)(i * 100), MaxTokens = 120, Grammar = grammar };
                var result = await engine.ChatAsync([new ChatTurn("user", [ChatTurnItem.FromMedia(image), "Describe it as JSON."])], sampling).CollectAsync();
                if (result.FinishReason != FinishReason.Stop)
                {
                    continue;
                }

                completed++;
                using var answer = JsonDocument.Parse(result.Text);
                var evaluation = validator.Evaluate(answer.RootElement, Validation);
                Assert.True(evaluation.IsValid, $"schema {schemaText}\noutput {result.Text}\n{JsonSerializer.Serialize((evaluation.Details ?? []).Where(d => !d.IsValid).Select(d => new { d.InstanceLocation, d.Errors }))}");
            }
        }

        output.WriteLine($"{completed} of {Schemas * SeedsPerSchema} outputs completed and validated");
        Assert.True(completed >= Schemas * SeedsPerSchema / 2, $"only {completed} of {Schemas * SeedsPerSchema} outputs completed");
    }
}
