using System.Text.Json.Nodes;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Testing.Conformance;
using LocalMultimodal.Tests.Models;
using LocalMultimodal.Tools;

namespace LocalMultimodal.Tests.Colour;

/// <summary>The shared tool-calling suite through <see cref="MultimodalEngine.ChatAsync(IReadOnlyList{ChatTurn}, SamplingOptions?, ChatTemplateOptions?, CancellationToken)"/> on the demo model.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineToolCallConformanceTests(ColourModelsFixture fixture) : ToolCallConformanceTests
{
    protected override async Task<SurfaceToolAnswer> AskAsync(
        string question, byte[] png, IReadOnlyList<JsonObject> tools, SurfaceToolChoice choice, SurfaceToolCall? previousCall = null, string? toolResult = null)
    {
        MultimodalEngine engine = await fixture.EngineAsync("combined");
        var turns = new List<ChatTurn> { new("user", question, ImageInput.FromEncoded(png)) };
        if (previousCall is not null)
        {
            turns.Add(new ChatTurn("assistant") { ToolCalls = [new ChatToolCall(previousCall.Id, previousCall.Name, previousCall.Arguments)] });
            turns.Add(new ChatTurn("tool", toolResult!) { ToolCallId = previousCall.Id, Name = previousCall.Name });
        }

        var template = new ChatTemplateOptions { Tools = tools, ToolChoice = Choice(choice) };
        GenerationResult result = await engine.ChatAsync(turns, SamplingOptions.Greedy(64), template).CollectAsync();
        Assert.NotEqual(FinishReason.Length, result.FinishReason);
        return new SurfaceToolAnswer(
            result.Text,
            [.. result.ToolCalls.Select(c => new SurfaceToolCall(c.Id, c.Name, c.Arguments))],
            result.FinishReason == FinishReason.ToolCalls);
    }

    private static ToolChoice Choice(SurfaceToolChoice choice) => choice.Mode switch
    {
        "auto" => ToolChoice.Auto,
        "none" => ToolChoice.None,
        "required" => ToolChoice.Required,
        _ => ToolChoice.Function(choice.Function!),
    };
}
