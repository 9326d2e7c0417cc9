using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Grammar;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Tests.Grammar;

/// <summary>The schema converter alone: what it writes parses as GBNF, and what it cannot honour is refused by name.</summary>
public sealed class JsonSchemaConverterTests
{
    [Fact]
    public void ObjectWithEnumAndOptionalProperty_BecomesAGrammarWithItsKeysAndValues()
    {
        string grammar = Convert("""
            {"type":"object","properties":{"colour":{"enum":["red","blue"]},"note":{"type":"string","maxLength":5}},"required":["colour"]}
            """);

        Assert.Contains("\"\\\"colour\\\"\" space \":\" space (\"\\\"red\\\"\" space | \"\\\"blue\\\"\" space)", grammar);
        Assert.Contains("(\",\" space \"\\\"note\\\"\" space \":\" space \"\\\"\" char{0,5} \"\\\"\" space)?", grammar);
        GbnfChecker.Check(grammar, "root");
    }

    public static TheoryData<string> ConvertibleSchemas => new()
    {
        """{"type":"string","format":"date"}""",
        """{"type":"string","format":"date-time"}""",
        """{"type":"string","format":"time"}""",
        """{"type":"string","format":"uuid"}""",
        """{"type":["integer","null"]}""",
        """{"type":"number","nullable":true}""",
        """{"const":{"a":[1,2,"x\"y"]}}""",
        """{"type":"array","items":{"type":"boolean"},"minItems":2,"maxItems":4}""",
        """{"type":"array","maxItems":0}""",
        """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{"type":"null"}}}""",
        """{"type":"object","additionalProperties":{"type":"integer"}}""",
        """{"type":"object","properties":{},"additionalProperties":false}""",
        """{"anyOf":[{"type":"string"},{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"]}]}""",
        """{"oneOf":[{"const":1},{"const":"one"}]}""",
        """{"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["value"]}},"$ref":"#/$defs/node"}""",
        """{"type":"object","properties":{"next":{"$ref":"#"}}}""",
        """{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"integer"}}},"c":{"$ref":"#/properties/a"}}}""",
        """{"type":"object","required":["anything"]}""",
        """{"title":"T","description":"d","x-extension":1,"condition":"","type":"boolean","default":true}""",
        "true",
        "{}",
    };

    [Theory]
    [MemberData(nameof(ConvertibleSchemas))]
    public void SupportedSchema_ConvertsToGbnfThatParses(string schema)
    {
        string grammar = Convert(schema);

        Assert.StartsWith("root ::= ", grammar);
        GbnfChecker.Check(grammar, "root");
    }

    public static TheoryData<string, string> RefusedSchemas => new()
    {
        { """{"type":"string","pattern":"^a+$"}""", "JSON schema at $.pattern: keyword 'pattern' is not supported" },
        { """{"type":"object","properties":{"age":{"type":"integer","minimum":0}}}""", "JSON schema at $.properties.age.minimum: keyword 'minimum' is not supported" },
        { """{"type":"array","items":{"type":"string"},"uniqueItems":true}""", "$.uniqueItems: keyword 'uniqueItems' is not supported" },
        { """{"allOf":[{"type":"string"}]}""", "$.allOf: keyword 'allOf' is not supported" },
        { """{"type":"string","format":"email"}""", "$.format: 'email' is not supported" },
        { """{"type":"strin"}""", "$.type: 'strin' is not a JSON schema type" },
        { """{"type":"string","maxLength":100000000}""", "$.maxLength: must be a whole number from 0 to 4096" },
        { """{"type":"string","minLength":5,"maxLength":2}""", "maxLength (2) is below minLength (5)" },
        { """{"$ref":"https://example.com/schema.json"}""", "is not a local reference" },
        { """{"$ref":"#/$defs/missing"}""", "'#/$defs/missing' does not point into this schema" },
        { """{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "is a cycle of references" },
        { "false", "is false, which no value satisfies" },
        { "42", "must be an object or a boolean" },
        { """{"anyOf":[]}""", "$.anyOf: must be an array of 1 to 64 schemas" },
        { """{"type":"string","anyOf":[{"maxLength":2}]}""", "combines anyOf with type keywords" },
    };

    [Theory]
    [MemberData(nameof(RefusedSchemas))]
    public void UnsupportedOrBadSchema_IsRefusedNamingKeywordAndPath(string schema, string expected)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Convert(schema));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_json_schema", error.Code);
    }

    [Fact]
    public void DeepNesting_IsRefusedAtTheLimit()
    {
        string deep = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 40)) + "{}" + new string('}', 40);

        var error = Assert.Throws<InvalidRequestException>(() => Convert(deep));

        Assert.Contains($"nests schemas more than {JsonSchemaConverter.MaxDepth} deep", error.Message);
    }

    [Fact]
    public void HugeEnum_IsRefused()
    {
        string values = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"v{i}\""));

        var error = Assert.Throws<InvalidRequestException>(() => Convert($$"""{"enum":[{{values}}]}"""));

        Assert.Contains($"$.enum: must be an array of 1 to {JsonSchemaConverter.MaxEnumValues} values", error.Message);
    }

    [Fact]
    public void HugeSchema_IsRefusedBeforeItIsRead()
    {
        string props = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"property{i}\":{{\"type\":\"string\"}}"));

        var error = Assert.Throws<InvalidRequestException>(() => Convert("""{"type":"object","properties":{""" + props + "}}"));

        Assert.Contains("is longer than", error.Message);
    }

    [Fact]
    public void ManyOptionalProperties_GiveAGrammarLinearInTheirCount()
    {
        string props = string.Join(",", Enumerable.Range(0, JsonSchemaConverter.MaxProperties).Select(i => $"\"p{i}\":{{\"type\":\"integer\"}}"));

        string grammar = Convert("""{"type":"object","properties":{""" + props + "}}");

        Assert.True(grammar.Length < 40_000, $"{grammar.Length} characters");
        GbnfChecker.Check(grammar, "root");
    }

    [Fact]
    public void JsonObject_IsAnyObject()
    {
        var constraint = GrammarConstraint.ForJsonObject();

        Assert.StartsWith("root ::= object\n", constraint.Grammar);
        GbnfChecker.Check(constraint.Grammar, constraint.Root);
    }

    private static string Convert(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return JsonSchemaConverter.Convert(document.RootElement);
    }
}
