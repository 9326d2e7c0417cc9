using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Xunit.Abstractions;

namespace LocalMultimodal.AI.Tests.StructuredOutput;

/// <summary>
/// The schema converter on real tool schemas, as Microsoft.Extensions.AI and Semantic Kernel generate them from .NET
/// methods: each converts, and a greedy answer under its grammar on the demo model validates against it.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ToolSchemaCorpusTests(DemoModelFixture demo, ITestOutputHelper output)
{
    public enum Finish
    {
        Matte,
        Gloss,
        Satin,
    }

    public sealed record Address(string Street, string City, [property: Description("Postal code")] string? PostCode);

    public sealed record Order(Guid Id, DateTimeOffset PlacedAt, IReadOnlyList<OrderLine> Lines, Address? DeliverTo);

    public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice, Finish Finish = Finish.Matte);

    public sealed class TreeNode
    {
        public string Name { get; set; } = "";

        public List<TreeNode> Children { get; set; } = [];
    }

    private static readonly Delegate[] Methods =
    [
        ([Description("The colour to look up")] string colour) => colour,
        (string colour, int litres, bool primer) => colour,
        (string colour, Finish finish = Finish.Gloss, int? coats = null) => colour,
        (double latitude, double longitude, float radiusKm) => latitude,
        (DateTime from, DateOnly until, TimeOnly at) => from,
        (Guid customer, DateTimeOffset when) => customer,
        (string[] tags, List<int> ids, Dictionary<string, int> stock) => tags,
        (Address address) => address,
        (Order order) => order,
        (TreeNode root) => root,
        (long big, short small, byte tiny, uint unsigned, char letter) => big,
        (Finish[] finishes, IEnumerable<Address> addresses) => finishes,
    ];

    public static TheoryData<int> MethodIndexes => [.. Enumerable.Range(0, Methods.Length)];

    [Theory]
    [MemberData(nameof(MethodIndexes))]
    public async Task MicrosoftExtensionsAiSchema_ConvertsAndItsAnswerValidates(int index)
    {
        var function = AIFunctionFactory.Create(Methods[index], $"tool{index}");

        await CheckAsync(function.JsonSchema);
    }

    [Theory]
    [MemberData(nameof(MethodIndexes))]
    public async Task SemanticKernelSchema_ConvertsAndItsAnswerValidates(int index)
    {
        var function = KernelFunctionFactory.CreateFromMethod(Methods[index], $"tool{index}");

        await CheckAsync(function.JsonSchema);

        // Each parameter's own schema (what SK hands a connector per argument) converts too.
        foreach (var parameter in function.Metadata.Parameters.Where(p => p.Schema is not null))
        {
            GrammarConstraint.ForJsonSchema(parameter.Schema!.RootElement);
        }
    }

    // Semantic Kernel writes a "condition" member that is no JSON Schema keyword; the validator refuses unknown words.
    private static string WithoutNonStandardKeywords(string schema)
    {
        var node = JsonNode.Parse(schema)!;
        foreach (var json in Walk(node).OfType<JsonObject>().ToList())
        {
            json.Remove("condition");
        }

        return node.ToJsonString();

        static IEnumerable<JsonNode> Walk(JsonNode node) => node switch
        {
            JsonObject o => [o, .. o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Walk)],
            JsonArray a => [a, .. a.OfType<JsonNode>().SelectMany(Walk)],
            _ => [node],
        };
    }

    private async Task CheckAsync(JsonElement schema)
    {
        string text = schema.GetRawText();
        output.WriteLine(text);
        GrammarConstraint grammar;
        try
        {
            grammar = GrammarConstraint.ForJsonSchema(schema);
        }
        catch (InvalidRequestException e)
        {
            Assert.Fail($"{e.Message}\n{text}");
            return;
        }

        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = 120, Grammar = grammar };
        var result = await demo.Engine.ChatAsync([new ChatTurn("user", ["Call it."])], sampling).CollectAsync();
        output.WriteLine($"{result.FinishReason}: {result.Text}");
        if (result.FinishReason == FinishReason.Stop)
        {
            using var answer = JsonDocument.Parse(result.Text);
            var evaluation = JsonSchema.FromText(WithoutNonStandardKeywords(text)).Evaluate(answer.RootElement, new EvaluationOptions { RequireFormatValidation = true });
            Assert.True(evaluation.IsValid, $"{text}\n{result.Text}");
        }
    }
}
