using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Jinja.Tests;

/// <summary>The public surface the chat client will use: .NET and JSON contexts, options, errors, reuse.</summary>
public sealed class JinjaTemplateTests
{
    private const string ChatMl = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    [Fact]
    public void Renders_dotnet_values()
    {
        var template = JinjaTemplate.Parse("{{ bos_token }}{{ n }} {{ f }} {{ big }} {{ ok }} {{ nothing }} {{ list }} {{ map.k }} {{ e }}");
        string output = template.Render(new Dictionary<string, object?>
        {
            ["bos_token"] = "<s>",
            ["n"] = 3,
            ["f"] = 2.0f,
            ["big"] = 12345678901L,
            ["ok"] = true,
            ["nothing"] = null,
            ["list"] = new object?[] { 1, "a", null, 1.5m },
            ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
            ["e"] = DayOfWeek.Monday,
        });
        Assert.Equal("<s>3 2.0 12345678901 True None [1, 'a', None, 1.5] v Monday", output);
    }

    [Fact]
    public void Renders_json_nodes_and_elements_alike()
    {
        const string json = """{"messages":[{"role":"user","content":"Grüß dich 👋"}],"add_generation_prompt":true}""";
        var template = JinjaTemplate.Parse(ChatMl);
        string fromNode = template.Render(JsonNode.Parse(json)!.AsObject());
        using var document = JsonDocument.Parse(json);
        string fromElement = template.Render(new Dictionary<string, object?>
        {
            ["messages"] = document.RootElement.GetProperty("messages"),
            ["add_generation_prompt"] = document.RootElement.GetProperty("add_generation_prompt"),
        });
        Assert.Equal("<|im_start|>user\nGrüß dich 👋<|im_end|>\n<|im_start|>assistant\n", fromNode);
        Assert.Equal(fromNode, fromElement);
    }

    [Fact]
    public void Json_numbers_keep_python_int_and_float()
    {
        var template = JinjaTemplate.Parse("{{ a }} {{ b }} {{ c }} {{ a / 2 }} {{ [a, b] | tojson }}");
        Assert.Equal("1 1.0 100.0 0.5 [1, 1.0]", template.Render(JsonNode.Parse("""{"a":1,"b":1.0,"c":1e2}""")!.AsObject()));
    }

    [Fact]
    public void An_unusable_context_value_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => JinjaTemplate.Parse("x").Render(new Dictionary<string, object?>
        {
            ["messages"] = new List<object?> { new Dictionary<string, object?> { ["content"] = new Uri("http://example.com") } },
        }));
        Assert.Contains("messages[0].content", error.Message, StringComparison.Ordinal);
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_context_value_nested_too_deep_is_named_with_its_path()
    {
        var inner = new JsonArray();
        var context = new JsonObject { ["tools"] = new JsonArray(new JsonObject { ["spec"] = inner }) };
        for (int i = 0; i < 250; i++)
        {
            var next = new JsonArray();
            inner.Add(next);
            inner = next;
        }

        var error = Assert.Throws<ArgumentException>(() => JinjaTemplate.Parse("x").Render(context));
        Assert.Contains("'tools[0].spec[0][0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("nests deeper than 200 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_cannot_change_the_callers_values()
    {
        var messages = new List<object?> { "a", "b" };
        string output = JinjaTemplate.Parse("{{ messages.pop() }}{{ messages | length }}").Render(new Dictionary<string, object?> { ["messages"] = messages });
        Assert.Equal("b1", output);
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public void A_parsed_template_renders_concurrently()
    {
        var template = JinjaTemplate.Parse(ChatMl + "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
        string[] outputs = Enumerable.Range(0, 64).AsParallel().Select(i => template.Render(new Dictionary<string, object?>
        {
            ["messages"] = Enumerable.Range(0, i % 5).Select(j => (object?)new Dictionary<string, object?> { ["role"] = "user", ["content"] = $"m{j}" }).ToList(),
            ["add_generation_prompt"] = false,
        })).ToArray();
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.EndsWith((i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture), outputs[i], StringComparison.Ordinal);
            Assert.Equal(i % 5, outputs[i].Split("<|im_end|>").Length - 1);
        }
    }

    [Fact]
    public void Strftime_now_reads_the_clock_option()
    {
        var options = new JinjaOptions { Now = () => new DateTime(2024, 7, 5, 14, 3, 9) };
        string output = JinjaTemplate.Parse("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%B %-d, %Y %H:%M:%S %p %a %A %j') }}", options).Render(new Dictionary<string, object?>());
        Assert.Equal("05 Jul 2024|July 5, 2024 14:03:09 PM Fri Friday 187", output);
    }

    [Fact]
    public void Render_options_override_the_parse_options()
    {
        var template = JinjaTemplate.Parse("{% for i in range(50) %}x{% endfor %}");
        Assert.Equal(50, template.Render(new Dictionary<string, object?>()).Length);
        Assert.Throws<JinjaRenderException>(() => template.Render(new Dictionary<string, object?>(), new JinjaOptions { MaxOutputLength = 10 }));
    }

    [Fact]
    public void Extra_template_options_are_plain_variables()
    {
        var template = JinjaTemplate.Parse("{% if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>{% endif %}{{ custom | default('none given') }}");
        Assert.Equal("<think>\n\n</think>x", template.Render(new Dictionary<string, object?> { ["enable_thinking"] = false, ["custom"] = "x" }));
        Assert.Equal("none given", template.Render(new Dictionary<string, object?>()));
    }
}
