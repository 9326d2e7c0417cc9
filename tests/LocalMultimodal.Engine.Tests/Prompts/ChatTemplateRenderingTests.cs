using System.Diagnostics;
using System.Text.Json.Nodes;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Tests.Engine;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Prompts;

/// <summary>
/// The model's Jinja chat template (the demo model's and the tiny LLM's: ChatML with Hermes tools) rendered by the
/// engine, checked against Python's Jinja2 (Debian's python3-jinja2) on the same template and messages.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ChatTemplateRenderingTests(NativeModelsFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    private static readonly JsonObject Weather = JsonNode.Parse("""
        {"type": "function", "function": {"name": "get_weather", "description": "The weather in a city",
         "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
        """)!.AsObject();

    [Fact]
    public async Task DemoTemplate_WithMediaToolsAndToolCalls_RendersAsJinja2Does()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null);
        var conversation = new List<ChatTurn>
        {
            new("system", "You are terse."),
            new("user", ImageInput.Reference("img"), "What is the weather in the city on this postcard? \"quoted\" <|im_end|>"),
            new("assistant") { ToolCalls = [new ChatToolCall("call_1", "get_weather", new JsonObject { ["city"] = "Paris", ["days"] = 2 })] },
            new("tool", "{\"temperature\": 21}") { ToolCallId = "call_1", Name = "get_weather" },
            new("tool", "sunny"),
        };

        string ours = engine.ApplyChatTemplate(conversation, new ChatTemplateOptions { Tools = [Weather] });

        var messages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
            new JsonObject { ["role"] = "user", ["content"] = MultimodalPrompt.MediaMarker + "What is the weather in the city on this postcard? \"quoted\" <|im_end|>" },
            new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["city"] = "Paris", ["days"] = 2 } },
                }),
            },
            new JsonObject { ["role"] = "tool", ["content"] = "{\"temperature\": 21}", ["tool_call_id"] = "call_1", ["name"] = "get_weather" },
            new JsonObject { ["role"] = "tool", ["content"] = "sunny" });
        string jinja2 = RenderWithJinja2(TinyLlm.ChatTemplate, new JsonObject
        {
            ["messages"] = messages,
            ["tools"] = new JsonArray(Weather.DeepClone()),
            ["add_generation_prompt"] = true,
        });

        Assert.Equal(jinja2, ours);
        Assert.Contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}\n</tool_call>", ours);
        Assert.EndsWith("<|im_start|>assistant\n", ours);
    }

    [Fact]
    public async Task DemoTemplate_WithoutToolsOrSystem_IsPlainChatMl()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null);

        string prompt = engine.ApplyChatTemplate([new ChatTurn("user", "hi")]);

        Assert.Equal(EngineFactory.ChatPrompt("hi"), prompt);
    }

    [Fact]
    public async Task TemplateKwargs_ReachTheTemplate_AndRaiseExceptionIsAnInvalidRequest()
    {
        const string template = "{% if messages[0].role != 'user' %}{{ raise_exception('Conversations must start with a user message') }}{% endif %}"
            + "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{{ mood | default('plain') }}<|im_start|>assistant";
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null, o => o.ChatTemplate = template);

        string prompt = engine.ApplyChatTemplate([new ChatTurn("user", "hi")], new ChatTemplateOptions { TemplateKwargs = new Dictionary<string, object?> { ["mood"] = "cheerful" } });
        var refused = Assert.Throws<InvalidRequestException>(() => engine.ApplyChatTemplate([new ChatTurn("system", "be brief"), new ChatTurn("user", "hi")]));

        Assert.Equal("<|im_start|>user\nhi<|im_end|>\ncheerful<|im_start|>assistant", prompt);
        Assert.Contains("Conversations must start with a user message", refused.Message);
        Assert.Equal("messages", refused.Param);
    }

    [Fact]
    public async Task TemplateThatDoesNotParse_FallsBackToLlamaCppsBuiltIn_WhichRefusesKwargs()
    {
        // ChatML by its markers, but not valid Jinja: llama.cpp's built-in ChatML renders it.
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null, o => o.ChatTemplate = "{% if %}<|im_start|>{{ broken");

        string prompt = engine.ApplyChatTemplate([new ChatTurn("user", "hi")]);
        var refused = Assert.Throws<InvalidRequestException>(() => engine.ApplyChatTemplate(
            [new ChatTurn("user", "hi")], new ChatTemplateOptions { TemplateKwargs = new Dictionary<string, object?> { ["x"] = 1 } }));

        Assert.Equal(EngineFactory.ChatPrompt("hi"), prompt);
        Assert.Equal("chat_template_kwargs", refused.Param);
    }

    [Fact]
    public async Task TemplateThatNeitherParsesNorMatchesAFamily_IsAClearError()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null, o => o.ChatTemplate = "{% if %}nothing llama.cpp knows");

        var error = Assert.Throws<InvalidRequestException>(() => engine.ApplyChatTemplate([new ChatTurn("user", "hi")]));

        Assert.Equal("chat_template_missing", error.Code);
        Assert.Contains("does not parse", error.Message);
    }

    /// <summary>Renders as Hugging Face's apply_chat_template does: sandboxed Jinja2, trim/lstrip blocks, HF's tojson.</summary>
    private static string RenderWithJinja2(string template, JsonObject context)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3-jinja2 (see README prerequisites).");
        string folder = Directory.CreateTempSubdirectory("lmm-jinja2-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "template.jinja"), template);
            File.WriteAllText(Path.Combine(folder, "context.json"), context.ToJsonString());
            const string script = """
                import json, sys
                from jinja2.ext import loopcontrols
                from jinja2.sandbox import ImmutableSandboxedEnvironment
                def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
                    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
                def raise_exception(message):
                    raise Exception(message)
                env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
                env.filters["tojson"] = tojson
                env.globals["raise_exception"] = raise_exception
                folder = sys.argv[1]
                template = env.from_string(open(folder + "/template.jinja", encoding="utf-8").read())
                context = json.load(open(folder + "/context.json", encoding="utf-8"))
                sys.stdout.write(json.dumps(template.render(**context)))
                """;
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(folder);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "Jinja2 did not finish within a minute.");
            Assert.True(process.ExitCode == 0, $"Jinja2 failed: {error.Result}");
            return JsonNode.Parse(output)!.GetValue<string>();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
