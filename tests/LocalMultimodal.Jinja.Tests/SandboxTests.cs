using System.Diagnostics;

namespace LocalMultimodal.Jinja.Tests;

/// <summary>Hostile or broken templates end in a clear error, quickly: never a hang, a crash or a stack overflow.</summary>
public sealed class SandboxTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, object?> NoVariables = [];

    private static JinjaRenderException RenderFails(string template, JinjaOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<JinjaRenderException>(() => JinjaTemplate.Parse(template, options).Render(NoVariables));
        Assert.True(watch.Elapsed < Bound, $"the error took {watch.Elapsed}");
        return error;
    }

    private static JinjaParseException ParseFails(string template)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse(template));
        Assert.True(watch.Elapsed < Bound, $"the error took {watch.Elapsed}");
        return error;
    }

    // Found by the jinja fuzz target (CsCheck seed 3ZiTYpdpyGd1): eight hex digits from 80000000 up read as a
    // negative code point, which .NET refused with an ArgumentOutOfRangeException instead of a parse error.
    [Theory]
    [InlineData("{{ '\\U8001F600' }}")]
    [InlineData("{{ '\\U00110000' }}")]
    public void An_escape_beyond_unicode_is_a_parse_error(string template)
    {
        var error = ParseFails(template);
        Assert.Contains("invalid escape sequence", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ '%c' % -1 }}")]
    [InlineData("{{ '%c' % 1114112 }}")]
    public void A_percent_c_beyond_unicode_is_a_render_error(string template)
    {
        var error = RenderFails(template);
        Assert.Contains("not in range(0x110000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_huge_loops_stop_at_the_step_budget()
    {
        var error = RenderFails("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_beyond_the_sandbox_limit_is_refused()
    {
        var error = RenderFails("{% for i in range(10 ** 9) %}x{% endfor %}");
        Assert.Contains("Range too big", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% set big = 'x' * 4000000 %}{% for i in range(100000) %}{% set t = big ~ 'y' %}{% endfor %}")]
    [InlineData("{% set big = 'x' * 4000000 %}{% for i in range(100000) %}{% set t = big[1:] %}{% endfor %}")]
    [InlineData("{% set big = [1] * 4000000 %}{% for i in range(100000) %}{% set t = big + [2] %}{% endfor %}")]
    [InlineData("{% set big = 'x' * 4000000 %}{% for i in range(100000) %}{% set t = big.replace('x', 'y') %}{% endfor %}")]
    public void Copying_big_values_over_and_over_runs_out_of_steps(string template)
    {
        // A tenth of the default budget keeps the test quick; the default ends these ten times later.
        var error = RenderFails(template, new JinjaOptions { MaxSteps = 100_000 });
        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_macro_recursion_stops_at_the_depth_limit()
    {
        var error = RenderFails("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        Assert.Contains("MaxCallDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_recursive_loops_stop_at_the_depth_limit()
    {
        var error = RenderFails("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}");
        Assert.Contains("MaxCallDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_macro_recursion_stops_at_the_step_budget()
    {
        var error = RenderFails("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}");
        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")]
    [InlineData("{{ 'x' * 10 ** 12 }}")]
    [InlineData("{{ [1] * 10 ** 12 }}")]
    [InlineData("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}")]
    [InlineData("{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}")]
    [InlineData("{{ 'ab' | center(10 ** 12) }}")]
    [InlineData("{{ 'a' | replace('a', 'x' * 5000000) | replace('x', 'yy') }}")]
    [InlineData("{{ '%999999999s' % 'a' }}")]
    [InlineData("{{ '%.999999999f' % 1 }}")]
    [InlineData("{{ '%99999999999999999999d' % 1 }}")]
    [InlineData("{{ [1] | batch(10 ** 12, 0) | list }}")]
    [InlineData("{{ 'x' | indent(10 ** 12) }}")]
    [InlineData("{{ 'a'.zfill(10 ** 12) }}")]
    public void Huge_output_or_values_stop_at_the_size_limit(string template)
    {
        var error = RenderFails(template);
        Assert.Contains("MaxOutputLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_options()
    {
        var tight = new JinjaOptions { MaxOutputLength = 10, MaxSteps = 12 };
        Assert.Contains("MaxOutputLength", RenderFails("{{ 'x' * 11 }}", tight).Message, StringComparison.Ordinal);
        Assert.Contains("MaxSteps", RenderFails("{% for i in range(7) %}{% endfor %}", tight).Message, StringComparison.Ordinal);
        Assert.Equal("xxxxx", JinjaTemplate.Parse("{% for i in range(5) %}x{% endfor %}", tight).Render(NoVariables));
        Assert.Throws<ArgumentOutOfRangeException>(() => JinjaTemplate.Parse("x", new JinjaOptions { MaxSteps = 0 }));
    }

    [Theory]
    [InlineData("(", ")", 100_000)]
    [InlineData("[", "]", 100_000)]
    [InlineData("{'a': ", "}", 100_000)]
    [InlineData("not ", "", 100_000)]
    [InlineData("- ", "", 100_000)]
    [InlineData("f(", ")", 100_000)]
    public void Deeply_nested_expressions_fail_to_parse_without_overflowing_the_stack(string open, string close, int depth)
    {
        string template = "{{ " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + " }}";
        Assert.Contains("MaxNestingDepth", ParseFails(template).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" + 1")]
    [InlineData(" ~ 'a'")]
    [InlineData(" | string")]
    [InlineData(".a")]
    [InlineData("[0]")]
    [InlineData(" if x else 1")]
    [InlineData(" and x")]
    [InlineData(" < 2")]
    public void Long_operator_chains_fail_to_parse_without_overflowing_the_stack(string link)
    {
        string template = "{{ x" + string.Concat(Enumerable.Repeat(link, 200_000)) + " }}";
        Assert.Contains("MaxNestingDepth", ParseFails(template).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_blocks_fail_to_parse()
    {
        string template = string.Concat(Enumerable.Repeat("{% if true %}", 50_000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 50_000));
        Assert.Contains("MaxNestingDepth", ParseFails(template).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ ns.a == ns.b }}")]
    [InlineData("{{ ns.a < ns.b }}")]
    [InlineData("{{ ns.a in [ns.b] }}")]
    [InlineData("{{ ns.a }}")]
    [InlineData("{{ ns.a | tojson }}")]
    [InlineData("{{ {ns.t: 1} }}")]
    [InlineData("{{ [ns.a, ns.b] | unique | list }}")]
    public void Values_nested_deeper_than_the_stack_allows_fail_cleanly(string use)
    {
        const string build = "{% set ns = namespace(a=[], b=[], t=()) %}{% for i in range(90000) %}{% set ns.a = [ns.a] %}{% set ns.b = [ns.b] %}{% set ns.t = (ns.t,) %}{% endfor %}";
        RenderFails(build + use);
    }

    [Fact]
    public void Chains_within_the_nesting_limit_render()
    {
        string template = "{{ 0" + string.Concat(Enumerable.Repeat(" + 1", 90)) + " }}";
        Assert.Equal("90", JinjaTemplate.Parse(template).Render(NoVariables));
    }

    [Theory]
    [InlineData("{{ ''.GetType() }}", "has no attribute 'GetType'")]
    [InlineData("{{ messages.GetType().Assembly }}", "has no attribute 'GetType'")]
    [InlineData("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__")]
    [InlineData("{{ messages.__class__.__base__ }}", "__class__")]
    [InlineData("{{ range.__globals__['os'] }}", "__globals__")]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "'cycler' is undefined")]
    [InlineData("{{ self.__init__.__globals__ }}", "'self' is undefined")]
    [InlineData("{{ messages.append(1) }}", "unsafe")]
    [InlineData("{{ tools[0].update({'a': 1}) }}", "unsafe")]
    [InlineData("{{ raise_exception.Method }}{{ raise_exception.Method.Invoke(none, none) }}", "Method")]
    public void Reaching_for_members_beyond_the_listed_methods_fails(string template, string expected)
    {
        var context = new Dictionary<string, object?>
        {
            ["messages"] = new List<object?> { "a" },
            ["tools"] = new List<object?> { new Dictionary<string, object?> { ["x"] = 1 } },
        };
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<JinjaRenderException>(() => JinjaTemplate.Parse(template).Render(context));
        Assert.True(watch.Elapsed < Bound);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Underscore_attributes_print_empty_as_in_the_jinja2_sandbox()
    {
        Assert.Equal("[][]", JinjaTemplate.Parse("[{{ ''.__class__ }}][{{ range.__name__ }}]").Render(NoVariables));
    }

    [Theory]
    [InlineData("{% if true %}never closed", 1, "endif")]
    [InlineData("line one\n{{ 1 + }}", 2, "end of print statement")]
    [InlineData("a\nb\n{% frobnicate %}", 3, "unknown tag 'frobnicate'")]
    [InlineData("{{ 'a' | nope }}", 1, "No filter named 'nope'")]
    [InlineData("{{ 1 is nope }}", 1, "No test named 'nope'")]
    [InlineData("\n\n\n{# open", 4, "Missing end of comment tag")]
    [InlineData("{% raw %}never closed", 1, "Missing end of raw directive")]
    [InlineData("{{ 'unterminated }}", 1, "unterminated string")]
    [InlineData("{{ (1 }}", 1, "unexpected '}'")]
    [InlineData("{% for x in y %}{% break %}{% endfor %}{% continue %}", 1, "'continue' outside of a loop")]
    [InlineData("{% set x = 99999999999999999999 %}", 1, "64 bits")]
    [InlineData("{% include 'other.jinja' %}", 1, "unknown tag 'include'")]
    public void Broken_templates_fail_to_parse_with_line_and_column(string template, int line, string expected)
    {
        var error = ParseFails(template);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {error.Column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_errors_name_the_template_line()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaTemplate.Parse("ok\n{% for m in messages %}\n{{ m.content.upper() }}\n{% endfor %}").Render(new Dictionary<string, object?>
        {
            ["messages"] = new List<object?> { new Dictionary<string, object?> { ["content"] = "a" }, new Dictionary<string, object?> { ["role"] = "user" } },
        }));
        Assert.Equal(3, error.Line);
        Assert.Contains("'dict object' has no attribute 'content'", error.Message, StringComparison.Ordinal);
        Assert.Null(error.TemplateMessage);
    }

    [Fact]
    public void Raise_exception_carries_the_template_message()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaTemplate.Parse("{{ raise_exception('Roles must alternate: ' ~ role) }}").Render(new Dictionary<string, object?> { ["role"] = "tool" }));
        Assert.Equal("Roles must alternate: tool", error.TemplateMessage);
        Assert.Contains("Roles must alternate: tool", error.Message, StringComparison.Ordinal);
    }
}
