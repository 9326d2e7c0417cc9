using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Testing.Conformance;
using LocalMultimodal.Tests.Colour;
using LocalMultimodal.Tests.Models;
using LocalMultimodal.Tools;

namespace LocalMultimodal.Tests.Tools;

/// <summary>
/// A template that does not take tools (here llama.cpp's built-in <c>chatml</c>, as for Gemma 3): the tools are described
/// in the system turn and the answer is one generic JSON object, a call or a reply, held to that shape by a grammar
/// from the first token. The demo model does not read the description, but under the grammar its values are still
/// the colour it sees.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class GenericToolFallbackTests(ColourModelsFixture fixture)
{
    /// <summary>
    /// Single call: with parallel calls the demo model, whose structural choices are ties, takes <c>,</c> over <c>]</c>
    /// after each call and never closes the array.
    /// </summary>
    [Fact]
    public async Task BuiltInTemplate_DescribesTheToolsInTheSystemTurn()
    {
        await using MultimodalEngine engine = await fixture.LoadAsync("combined", o => o.ChatTemplate = "chatml");

        string prompt = engine.ApplyChatTemplate(Conversation(), new ChatTemplateOptions { Tools = [SurfaceTools.FindPaintTool()] });

        Assert.StartsWith("<|im_start|>system\nYou can call these functions:", prompt, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"find_paint\"", prompt, StringComparison.Ordinal);
        GenerationResult result = await engine.ChatAsync(Conversation(), SamplingOptions.Greedy(64), new ChatTemplateOptions { Tools = [SurfaceTools.FindPaintTool()], ToolChoice = ToolChoice.Required, ParallelToolCalls = false }).CollectAsync();

        ChatToolCall call = Assert.Single(result.ToolCalls);
        Assert.Equal("find_paint", call.Name);
        Assert.Equal("red", (string?)call.Arguments["colour"]);
        Assert.Equal(FinishReason.ToolCalls, result.FinishReason);
        Assert.Equal(string.Empty, result.Text);
    }

    [Fact]
    public async Task Auto_CanReplyInText_ThroughTheResponseField()
    {
        await using MultimodalEngine engine = await fixture.LoadAsync("combined", o => o.ChatTemplate = "chatml");

        GenerationResult result = await engine.ChatAsync(Conversation(), SamplingOptions.Greedy(64), new ChatTemplateOptions { Tools = [SurfaceTools.FindPaintTool()] }).CollectAsync();

        // {"response": ...} and {"tool_call(s)": ...} tie at their first letter; the lower byte, r, wins.
        Assert.Empty(result.ToolCalls);
        Assert.Equal("red", result.Text);
        Assert.Equal(FinishReason.Stop, result.FinishReason);
    }

    [Fact]
    public async Task EarlierCallsAndResults_AreRenderedAsJsonTurns()
    {
        await using MultimodalEngine engine = await fixture.LoadAsync("combined", o => o.ChatTemplate = "chatml");
        List<ChatTurn> turns =
        [
            .. Conversation(),
            new ChatTurn("assistant") { ToolCalls = [new ChatToolCall("call_1", "find_paint", new() { ["colour"] = "red" })] },
            new ChatTurn("tool", "{\"paint\": \"Signal red\"}") { ToolCallId = "call_1", Name = "find_paint" },
        ];

        GenerationResult result = await engine.ChatAsync(turns, SamplingOptions.Greedy(64), new ChatTemplateOptions { Tools = [SurfaceTools.FindPaintTool()] }).CollectAsync();

        Assert.Equal("red", result.Text);
    }

    private static List<ChatTurn> Conversation() => [new("user", "Which paint?", ImageInput.FromEncoded(ColourImages.SolidPng(64, 64, 255, 0, 0)))];
}
