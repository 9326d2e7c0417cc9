using System.Text.Json.Nodes;
using LocalMultimodal.Jinja.Library;
using LocalMultimodal.Jinja.Runtime;
using LocalMultimodal.Jinja.Tests.Oracle;
using JinjaTests = LocalMultimodal.Jinja.Library.Tests;

namespace LocalMultimodal.Jinja.Tests;

/// <summary>Every corpus case renders byte for byte as Python's Jinja2 renders it with Hugging Face's settings.</summary>
public sealed class OracleTests
{
    public static TheoryData<string> Cases => new(JinjaOracle.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_Jinja2(string name)
    {
        OracleResult expected = JinjaOracle.Results[name];
        string? output = null;
        Exception? failure = null;
        try
        {
            var context = JsonNode.Parse(JinjaOracle.Context(name))!.AsObject();
            output = JinjaTemplate.Parse(JinjaOracle.Template(name)).Render(context);
        }
        catch (Exception ex) when (ex is JinjaParseException or JinjaRenderException)
        {
            failure = ex;
        }

        if (expected.Error is not null)
        {
            Assert.True(failure is not null, $"Jinja2 fails with \"{expected.Error}\" but we rendered:\n{output}");
            if (expected.Raised is not null)
            {
                Assert.Equal(expected.Raised, Assert.IsType<JinjaRenderException>(failure).TemplateMessage);
            }

            return;
        }

        Assert.True(failure is null, $"Jinja2 renders the case but we fail: {failure?.Message}");
        Assert.Equal(expected.Output, output);
    }

    [Fact]
    public void Every_filter_test_and_method_has_an_oracle_case()
    {
        string corpus = string.Concat(JinjaOracle.CaseNames.Select(JinjaOracle.Template));
        var missing = Filters.Names.Where(f => !corpus.Contains("|" + f, StringComparison.Ordinal) && !corpus.Contains("| " + f, StringComparison.Ordinal) && !corpus.Contains($"'{f}'", StringComparison.Ordinal))
            .Select(f => "filter " + f)
            .Concat(JinjaTests.Names.Where(t => !corpus.Contains("is " + t, StringComparison.Ordinal) && !corpus.Contains("is not " + t, StringComparison.Ordinal) && !corpus.Contains($"'{t}'", StringComparison.Ordinal)).Select(t => "test " + t))
            .Concat(Methods.StringMethodNames.Concat(Methods.DictMethodNames).Concat(Methods.ListMethodNames).Distinct()
                .Where(m => !corpus.Contains("." + m + "(", StringComparison.Ordinal)).Select(m => "method " + m))
            .ToList();
        Assert.True(missing.Count == 0, "No oracle case uses: " + string.Join(", ", missing));
    }
}
