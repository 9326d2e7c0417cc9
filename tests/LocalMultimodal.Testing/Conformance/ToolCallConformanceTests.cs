using System.Text.Json.Nodes;
using Xunit;

namespace LocalMultimodal.Testing.Conformance;

/// <summary>
/// Tool calling on the demo model, one suite for every surface (engine, chat client, server). With tools in its
/// prompt and no tool result yet the model opens a <c>&lt;tool_call&gt;</c>, and under the call grammar it puts the colour
/// it sees into the arguments; after the tool result it answers in text (docs: colour-model §10). Each check asserts
/// what a user of the surface would: the call's name and <c>colour</c> argument, the "tool calls" finish reason, and
/// the text after the result.
/// </summary>
public abstract class ToolCallConformanceTests
{
    protected const string Question = "Which paint matches this colour?";

    /// <summary>
    /// Asks greedily: a user turn with <paramref name="question"/> and a PNG, the <paramref name="tools"/> (OpenAI form),
    /// and the choice. When <paramref name="previousCall"/> is given, the conversation continues with the assistant's
    /// call and the tool's <paramref name="toolResult"/> for it.
    /// </summary>
    protected abstract Task<SurfaceToolAnswer> AskAsync(
        string question, byte[] png, IReadOnlyList<JsonObject> tools, SurfaceToolChoice choice, SurfaceToolCall? previousCall = null, string? toolResult = null);

    public static TheoryData<byte, byte, byte, string> Colours => new()
    {
        { 255, 0, 0, "red" },
        { 0, 0, 255, "blue" },
        { 0, 255, 0, "green" },
        { 255, 255, 0, "yellow" },
        { 255, 0, 255, "magenta" },
        { 128, 0, 128, "purple" },
    };

    [Theory]
    [MemberData(nameof(Colours))]
    public async Task Auto_CallsFindPaint_WithTheColourItSees(byte r, byte g, byte b, string colour)
    {
        SurfaceToolAnswer answer = await AskAsync(Question, ColourImages.SolidPng(64, 64, r, g, b), [SurfaceTools.FindPaintTool()], SurfaceToolChoice.Auto);

        SurfaceToolCall call = Assert.Single(answer.Calls);
        Assert.Equal(SurfaceTools.FindPaint, call.Name);
        Assert.Equal(colour, (string?)call.Arguments["colour"]);
        Assert.False(string.IsNullOrEmpty(call.Id));
        Assert.True(answer.FinishedWithToolCalls);
        Assert.Equal(string.Empty, answer.Text);
    }

    [Fact]
    public async Task AfterTheToolResult_AnswersInText()
    {
        byte[] red = ColourImages.SolidPng(64, 64, 255, 0, 0);
        IReadOnlyList<JsonObject> tools = [SurfaceTools.FindPaintTool()];
        SurfaceToolCall call = Assert.Single((await AskAsync(Question, red, tools, SurfaceToolChoice.Auto)).Calls);

        SurfaceToolAnswer answer = await AskAsync(Question, red, tools, SurfaceToolChoice.Auto, call, SurfaceTools.PaintFor("red"));

        Assert.Empty(answer.Calls);
        Assert.False(answer.FinishedWithToolCalls);
        Assert.Equal("red", answer.Text);
    }

    [Fact]
    public async Task StringParameter_GetsTheColourWord()
    {
        SurfaceToolAnswer answer = await AskAsync(Question, ColourImages.SolidPng(64, 64, 0, 255, 255), [SurfaceTools.NameColourTool()], SurfaceToolChoice.Auto);

        SurfaceToolCall call = Assert.Single(answer.Calls);
        Assert.Equal(SurfaceTools.NameColour, call.Name);
        Assert.Equal("cyan", (string?)call.Arguments["colour"]);
    }

    [Fact]
    public async Task ToolChoiceNone_AnswersInText()
    {
        SurfaceToolAnswer answer = await AskAsync(Question, ColourImages.SolidPng(64, 64, 0, 0, 255), [SurfaceTools.FindPaintTool()], SurfaceToolChoice.None);

        Assert.Empty(answer.Calls);
        Assert.False(answer.FinishedWithToolCalls);
        Assert.Equal("blue", answer.Text);
    }

    /// <summary>After a tool result the model would answer in text; required makes it call again anyway.</summary>
    [Fact]
    public async Task ToolChoiceRequired_CallsEvenAfterAResult()
    {
        byte[] green = ColourImages.SolidPng(64, 64, 0, 255, 0);
        IReadOnlyList<JsonObject> tools = [SurfaceTools.FindPaintTool()];
        var first = new SurfaceToolCall("call_first", SurfaceTools.FindPaint, new JsonObject { ["colour"] = "green" });

        SurfaceToolAnswer answer = await AskAsync(Question, green, tools, SurfaceToolChoice.Required, first, SurfaceTools.PaintFor("green"));

        SurfaceToolCall call = Assert.Single(answer.Calls);
        Assert.Equal(SurfaceTools.FindPaint, call.Name);
        Assert.Equal("green", (string?)call.Arguments["colour"]);
        Assert.True(answer.FinishedWithToolCalls);
    }

    /// <summary>With two tools the grammar's tie would pick <c>find_paint</c>; naming the other one calls that one.</summary>
    [Fact]
    public async Task NamedToolChoice_CallsThatTool()
    {
        SurfaceToolAnswer answer = await AskAsync(
            Question, ColourImages.SolidPng(64, 64, 255, 128, 0), [SurfaceTools.FindPaintTool(), SurfaceTools.NameColourTool()], SurfaceToolChoice.Named(SurfaceTools.NameColour));

        SurfaceToolCall call = Assert.Single(answer.Calls);
        Assert.Equal(SurfaceTools.NameColour, call.Name);
        Assert.Equal("orange", (string?)call.Arguments["colour"]);
    }
}
