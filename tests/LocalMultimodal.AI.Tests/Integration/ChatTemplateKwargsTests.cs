using System.Text.Json;
using LocalMultimodal.Errors;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary><c>ChatOptions.AdditionalProperties["chat_template_kwargs"]</c> reaches the model's chat template.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ChatTemplateKwargsTests(ModelsFixture fixture)
{
    private const string Template = "{% if strict %}{{ raise_exception('strict mode saw ' ~ (messages | length) ~ ' message(s)') }}{% endif %}"
        + "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n{{ preamble | default('') }}";

    [Fact]
    public async Task Kwargs_AsDictionaryOrJson_ReachTheTemplate()
    {
        var options = fixture.EngineOptions();
        options.ChatTemplate = Template;
        await using var engine = await MultimodalEngine.LoadAsync(options);
        using var client = engine.AsIChatClient();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => client.GetResponseAsync("Hi.", With(new Dictionary<string, object?> { ["strict"] = true })));
        var plain = await client.GetResponseAsync("Hi.", With(new Dictionary<string, object?> { ["strict"] = false }));
        var longer = await client.GetResponseAsync("Hi.", With(JsonDocument.Parse("{\"strict\": false, \"preamble\": \"Let me think about that for a while first.\"}").RootElement));

        Assert.Contains("strict mode saw 1 message(s)", refused.Message);
        Assert.True(longer.Usage!.InputTokenCount > plain.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Kwargs_OfAnotherType_AreRefusedNamingTheKey()
    {
        using var client = fixture.Engine.AsIChatClient();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.GetResponseAsync("Hi.", With("strict")));

        Assert.Equal(LocalMultimodalPropertyNames.ChatTemplateKwargs, error.Param);
    }

    private static ChatOptions With(object kwargs) => new()
    {
        MaxOutputTokens = 2,
        AdditionalProperties = new() { [LocalMultimodalPropertyNames.ChatTemplateKwargs] = kwargs },
    };
}
