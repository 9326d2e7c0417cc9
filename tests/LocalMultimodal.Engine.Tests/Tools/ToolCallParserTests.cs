using LocalMultimodal.Prompts;
using LocalMultimodal.Tools;

namespace LocalMultimodal.Tests.Tools;

/// <summary>The format parsers and the stream splitter on model-shaped strings, well-formed and malformed.</summary>
public sealed class ToolCallParserTests
{
    [Fact]
    public void Hermes_TextThenCall_StreamsTextAndOneCompleteCall()
    {
        var splitter = new ToolCallStreamSplitter(HermesToolCallFormat.Instance);
        var segments = new List<ToolCallSegment>();
        foreach (string piece in new[] { "Let me look", " that up.", "<tool", "_call>\n{\"name\": \"find_paint\", ", "\"arguments\": {\"colour\": \"red\"}}\n</tool_", "call>" })
        {
            segments.AddRange(splitter.Push(piece));
        }

        segments.AddRange(splitter.Complete());

        Assert.Equal("Let me look that up.", string.Concat(segments.Select(s => s.Text)));
        ChatToolCall call = Assert.Single(segments, s => s.Call is not null).Call!;
        Assert.Equal("find_paint", call.Name);
        Assert.Equal("red", (string?)call.Arguments["colour"]);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Empty(splitter.Unparsed);
    }

    [Fact]
    public void Hermes_TextIsGivenOutBeforeTheCallCloses()
    {
        var splitter = new ToolCallStreamSplitter(HermesToolCallFormat.Instance);

        Assert.Equal("Hi", Assert.Single(splitter.Push("Hi<tool_ca")).Text);
        Assert.Empty(splitter.Push("ll>{\"name\": \"f\""));
        Assert.Equal("f", Assert.Single(splitter.Push(", \"arguments\": {}}</tool_call>")).Call!.Name);
    }

    [Fact]
    public void Hermes_TwoCalls_AreTwoCalls_AndArgumentsAsAStringAreParsed()
    {
        var splitter = new ToolCallStreamSplitter(HermesToolCallFormat.Instance);
        var segments = splitter.Push("<tool_call>{\"name\": \"a\", \"arguments\": \"{\\\"x\\\": 1}\"}</tool_call>\n<tool_call>{\"name\": \"b\"}</tool_call>");
        segments.AddRange(splitter.Complete());

        var calls = segments.Where(s => s.Call is not null).Select(s => s.Call!).ToList();
        Assert.Equal(["a", "b"], calls.Select(c => c.Name));
        Assert.Equal(1, (int)calls[0].Arguments["x"]!);
        Assert.Empty(calls[1].Arguments);
        Assert.NotEqual(calls[0].Id, calls[1].Id);
    }

    [Theory]
    [InlineData("<tool_call>{\"name\": \"find_paint\", \"arguments\": {\"colour\": \"red\"</tool_call>")] // truncated JSON
    [InlineData("<tool_call>red</tool_call>")] // the demo model without a grammar
    [InlineData("<tool_call>{\"arguments\": {}}</tool_call>")] // no name
    [InlineData("<tool_call>{\"name\": 7, \"arguments\": {}}</tool_call>")] // name not a string
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": [1]}</tool_call>")] // arguments not an object
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": {}}")] // never closed
    public void Hermes_MalformedCall_BecomesText_AndIsReported(string answer)
    {
        var splitter = new ToolCallStreamSplitter(HermesToolCallFormat.Instance);
        var segments = splitter.Push(answer);
        segments.AddRange(splitter.Complete());

        Assert.All(segments, s => Assert.Null(s.Call));
        Assert.Equal(answer, string.Concat(segments.Select(s => s.Text)));
        Assert.Single(splitter.Unparsed);
    }

    [Fact]
    public void Hermes_PlainText_PassesThrough_IncludingALessThanSign()
    {
        var splitter = new ToolCallStreamSplitter(HermesToolCallFormat.Instance);
        var segments = splitter.Push("red < blue <tool");
        segments.AddRange(splitter.Complete());

        Assert.Equal("red < blue <tool", string.Concat(segments.Select(s => s.Text)));
        Assert.Empty(splitter.Unparsed);
    }

    [Fact]
    public void Mistral_ArrayForm_KeepsTheModelsIds()
    {
        var segments = MistralToolCallFormat.Instance.TryParse("[TOOL_CALLS][{\"name\": \"find_paint\", \"arguments\": {\"colour\": \"blue\"}, \"id\": \"abc123XYZ\"}, {\"name\": \"g\", \"arguments\": {}}]");

        Assert.NotNull(segments);
        Assert.Equal("abc123XYZ", segments[0].Call!.Id);
        Assert.Equal("blue", (string?)segments[0].Call!.Arguments["colour"]);
        Assert.Matches("^[a-zA-Z0-9]{9}$", segments[1].Call!.Id);
    }

    [Fact]
    public void Mistral_NamedForm_ReadsEveryCall()
    {
        var segments = MistralToolCallFormat.Instance.TryParse("[TOOL_CALLS]find_paint[ARGS]{\"colour\": \"green\"}[TOOL_CALLS]g[ARGS]{}");

        Assert.NotNull(segments);
        Assert.Equal(["find_paint", "g"], segments.Select(s => s.Call!.Name));
        Assert.Equal("green", (string?)segments[0].Call!.Arguments["colour"]);
    }

    [Theory]
    [InlineData("[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {}")]
    [InlineData("[TOOL_CALLS][]")]
    [InlineData("[TOOL_CALLS]f{\"a\": 1}")]
    [InlineData("[TOOL_CALLS]f[ARGS]{oops}")]
    public void Mistral_Malformed_DoesNotParse(string region) => Assert.Null(MistralToolCallFormat.Instance.TryParse(region));

    [Fact]
    public void Llama3_JsonCalls_WithPythonTagAndSemicolons()
    {
        var splitter = new ToolCallStreamSplitter(Llama3ToolCallFormat.Instance);
        var segments = splitter.Push("<|python_tag|>{\"type\": \"function\", \"name\": \"find_paint\", \"parameters\": {\"colour\": \"yellow\"}}; {\"name\": \"g\", \"parameters\": {}}");
        Assert.Empty(segments); // a Llama call runs to the end of the answer
        segments.AddRange(splitter.Complete());

        Assert.Equal(["find_paint", "g"], segments.Select(s => s.Call!.Name));
        Assert.Equal("yellow", (string?)segments[0].Call!.Arguments["colour"]);
    }

    [Theory]
    [InlineData("{\"name\": \"f\", \"parameters\": {\"a\": 1}")]
    [InlineData("{\"type\": \"code\", \"name\": \"f\", \"parameters\": {}}")]
    [InlineData("{\"name\": \"f\", \"parameters\": {}} trailing words")]
    public void Llama3_Malformed_BecomesText(string answer)
    {
        var splitter = new ToolCallStreamSplitter(Llama3ToolCallFormat.Instance);
        var segments = splitter.Push("Sure. " + answer);
        segments.AddRange(splitter.Complete());

        Assert.All(segments, s => Assert.Null(s.Call));
        Assert.Equal("Sure. " + answer, string.Concat(segments.Select(s => s.Text)));
        Assert.Single(splitter.Unparsed);
    }

    [Theory]
    [InlineData("{\"tool_call\": {\"name\": \"find_paint\", \"arguments\": {\"colour\": \"red\"}}}", "find_paint", null)]
    [InlineData("{\"tool_calls\": [{\"name\": \"find_paint\", \"arguments\": {}, \"id\": \"call_7\"}]}", "find_paint", null)]
    [InlineData("{\"response\": \"It is red.\"}", null, "It is red.")]
    public void Generic_WholeAnswer_IsACallOrAReply(string answer, string? call, string? text)
    {
        var splitter = new ToolCallStreamSplitter(GenericToolCallFormat.Instance);
        Assert.Empty(splitter.Push(answer));
        var segment = Assert.Single(splitter.Complete());

        Assert.Equal(call, segment.Call?.Name);
        Assert.Equal(text, segment.Text);
    }

    [Theory]
    [InlineData("It is red.")]
    [InlineData("{\"tool_call\": {\"arguments\": {}}}")]
    [InlineData("{\"something\": 1}")]
    public void Generic_Malformed_IsTheRawText(string answer)
    {
        var splitter = new ToolCallStreamSplitter(GenericToolCallFormat.Instance);
        splitter.Push(answer);

        Assert.Equal(answer, Assert.Single(splitter.Complete()).Text);
        Assert.Single(splitter.Unparsed);
    }

    [Theory]
    [InlineData("{% for tool in tools %}<tool_call>{% endfor %}", "hermes", true)]
    [InlineData("{% if tools %}[AVAILABLE_TOOLS]{{ tools|tojson }}[/AVAILABLE_TOOLS]{% endif %}[TOOL_CALLS]", "mistral", true)]
    [InlineData("<|start_header_id|>{% if tools %}{{ tools }}{% endif %}", "llama3-json", true)]
    [InlineData("<start_of_turn>{{ message['content'] }}<end_of_turn>", "generic", false)]
    [InlineData(null, "generic", false)]
    public void Format_IsDetectedFromTheTemplate(string? template, string format, bool takesTools)
    {
        Assert.Equal(format, ToolCallFormats.Detect(template, out bool takes).Name);
        Assert.Equal(takesTools, takes);
    }
}
