using System.Text.Json;
using LocalMultimodal.AI.Mapping;
using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Errors;
using LocalMultimodal.Sampling;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Mapping;

public sealed class SamplingOptionsMapperTests
{
    private static readonly IChatClient Client = new NoOpChatClient();

    [Fact]
    public void NoOptions_GiveTheEngineDefaults()
    {
        var sampling = SamplingOptionsMapper.Map(null, Client);

        Assert.Equivalent(new SamplingOptions(), sampling);
    }

    [Fact]
    public void EveryChatOption_IsMapped()
    {
        var sampling = SamplingOptionsMapper.Map(new ChatOptions
        {
            Temperature = 0.3f,
            TopP = 0.9f,
            TopK = 40,
            Seed = 1234,
            StopSequences = ["END", "\n\n"],
            MaxOutputTokens = 77,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.25f,
            ResponseFormat = ChatResponseFormat.Text,
            Tools = [],
            AdditionalProperties = new()
            {
                [LocalMultimodalPropertyNames.MinP] = 0.05f,
                [LocalMultimodalPropertyNames.RepeatPenalty] = 1.1,
                [LocalMultimodalPropertyNames.PenaltyLastN] = 128,
            },
        }, Client);

        Assert.Equal(0.3f, sampling.Temperature);
        Assert.Equal(0.9f, sampling.TopP);
        Assert.Equal(40, sampling.TopK);
        Assert.Equal(1234u, sampling.Seed);
        Assert.Equal(["END", "\n\n"], sampling.StopSequences);
        Assert.Equal(77, sampling.MaxTokens);
        Assert.Equal(0.5f, sampling.FrequencyPenalty);
        Assert.Equal(-0.25f, sampling.PresencePenalty);
        Assert.Equal(0.05f, sampling.MinP);
        Assert.Equal(1.1f, sampling.RepetitionPenalty, 5);
        Assert.Equal(128, sampling.PenaltyLastN);
    }

    [Fact]
    public void AdditionalProperties_BoundFromJson_AreRead()
    {
        var options = new ChatOptions { AdditionalProperties = new() { [LocalMultimodalPropertyNames.MinP] = JsonDocument.Parse("0.1").RootElement } };

        Assert.Equal(0.1f, SamplingOptionsMapper.Map(options, Client).MinP, 5);
    }

    [Fact]
    public void AdditionalProperty_OfTheWrongType_FailsNamingTheKey()
    {
        var options = new ChatOptions { AdditionalProperties = new() { [LocalMultimodalPropertyNames.RepeatPenalty] = "lots" } };

        var error = Assert.Throws<InvalidRequestException>(() => SamplingOptionsMapper.Map(options, Client));

        Assert.Equal(LocalMultimodalPropertyNames.RepeatPenalty, error.Param);
    }

    [Fact]
    public void Seed_KeepsItsLow32Bits()
    {
        Assert.Equal(uint.MaxValue, SamplingOptionsMapper.Map(new ChatOptions { Seed = -1 }, Client).Seed);
    }

    [Fact]
    public void RawRepresentationFactory_SamplingOptions_IsTheBase_AndChatOptionsWin()
    {
        var shared = new SamplingOptions { MinP = 0.2f, Temperature = 0.7f, TopK = 5, StopSequences = ["x"] };
        var options = new ChatOptions { RawRepresentationFactory = _ => shared, Temperature = 0.1f };

        var sampling = SamplingOptionsMapper.Map(options, Client);

        Assert.Equal(0.2f, sampling.MinP);
        Assert.Equal(5, sampling.TopK);
        Assert.Equal(0.1f, sampling.Temperature);
        Assert.NotSame(shared, sampling);
        Assert.Equal(0.7f, shared.Temperature);
    }

    [Fact]
    public void RawRepresentationFactory_OfAnotherType_IsRefused()
    {
        var error = Assert.Throws<NotSupportedException>(
            () => SamplingOptionsMapper.Map(new ChatOptions { RawRepresentationFactory = _ => "not options" }, Client));

        Assert.Contains("String", error.Message);
    }

    [Fact]
    public void FunctionTools_ReachTheTemplateInOpenAIForm_WithTheirModeAndParallelism()
    {
        var tool = AIFunctionFactory.Create((string colour) => $"Signal {colour}", "find_paint", "Finds a paint.");

        var template = TemplateOptionsMapper.Map(new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireSpecific("find_paint"), AllowMultipleToolCalls = false })!;

        var function = Assert.Single(template.Tools!)["function"]!;
        Assert.Equal("find_paint", (string?)function["name"]);
        Assert.Equal("Finds a paint.", (string?)function["description"]);
        Assert.Equal("string", (string?)function["parameters"]!["properties"]!["colour"]!["type"]);
        Assert.Equal(LocalMultimodal.Tools.ToolChoice.Function("find_paint"), template.ToolChoice);
        Assert.False(template.ParallelToolCalls);
    }

    [Fact]
    public void NonFunctionTools_AreRefusedByName()
    {
        var error = Assert.Throws<NotSupportedException>(() => TemplateOptionsMapper.Map(new ChatOptions { Tools = [new HostedWebSearchTool()] }));

        Assert.Contains("HostedWebSearchTool", error.Message);
    }

    [Fact]
    public void JsonResponseFormat_BecomesAnAnyObjectGrammar()
    {
        var sampling = SamplingOptionsMapper.Map(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, Client);

        Assert.Equal(GrammarConstraint.ForJsonObject().Grammar, sampling.Grammar?.Grammar);
    }

    [Fact]
    public void JsonSchemaResponseFormat_BecomesTheSchemasGrammar()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"colour":{"enum":["red","blue"]}},"required":["colour"]}""");

        var sampling = SamplingOptionsMapper.Map(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "report") }, Client);

        Assert.Equal(GrammarConstraint.ForJsonSchema(schema.RootElement).Grammar, sampling.Grammar?.Grammar);
    }

    [Fact]
    public void JsonSchemaWithAnUnsupportedKeyword_IsRefusedNamingIt()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"age":{"type":"integer","multipleOf":3}}}""");

        var error = Assert.Throws<InvalidRequestException>(
            () => SamplingOptionsMapper.Map(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement) }, Client));

        Assert.Contains("$.properties.age.multipleOf: keyword 'multipleOf' is not supported", error.Message);
    }

    [Fact]
    public void ConversationId_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => SamplingOptionsMapper.Map(new ChatOptions { ConversationId = "c-1" }, Client));
    }
}
