using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// <c>response_format</c> on the built-in demo model: the answer is JSON in the requested shape carrying the colour the
/// model sees, and every bad or unsupported format is a 400 naming its field.
/// </summary>
[Collection(ColourServerCollection.Name)]
public sealed class ResponseFormatTests(ColourServerFixture fixture)
{
    private const string ReportSchema = """
        {"type":"object","properties":{"colour":{"type":"string","enum":["red","green","blue","yellow"]}},"required":["colour"],"additionalProperties":false}
        """;

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    public async Task JsonSchema_AnswersTheColourInTheSchemasShape(string path)
    {
        var format = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "report", ["strict"] = true, ["schema"] = JsonNode.Parse(ReportSchema) },
        };
        var request = path.EndsWith("chat/completions", StringComparison.Ordinal)
            ? Ask(Text("What colour is this?"), ImageUrl(DataUrls.Png(ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 0, 0, 255)))))
            : new JsonObject { ["prompt"] = "Colour report:", ["temperature"] = 0 };
        request.With("max_tokens", 40).With("response_format", format);

        var response = await fixture.Client.PostAsync(path, Json(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();

        var choice = answer["choices"]![0]!;
        string text = (string?)choice["message"]?["content"] ?? (string)choice["text"]!;
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        var report = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["colour"], report.Select(p => p.Key));
        if (path.EndsWith("chat/completions", StringComparison.Ordinal))
        {
            Assert.Equal("blue", (string?)report["colour"]);
        }
    }

    [Fact]
    public async Task JsonObject_AnswersAnObject_WhereTextWouldBeAWord()
    {
        var request = Ask(Text("What colour is this?"), ImageUrl(DataUrls.Png(ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 255, 0, 0)))))
            .With("max_tokens", 60).With("response_format", new JsonObject { ["type"] = "json_object" });

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        string text = (string)answer["choices"]![0]!["message"]!["content"]!;
        Assert.StartsWith("{", text);
        if ((string?)answer["choices"]![0]!["finish_reason"] == "stop")
        {
            Assert.IsType<JsonObject>(JsonNode.Parse(text));
        }
    }

    [Fact]
    public async Task TextFormat_IsPlainText()
    {
        var request = Ask(Text("What colour is this?"), ImageUrl(DataUrls.Png(ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 255, 0, 0)))))
            .With("response_format", new JsonObject { ["type"] = "text" });

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.Equal("red", (string?)answer["choices"]![0]!["message"]!["content"]);
    }

    public static TheoryData<string, string, string> BadFormats => new()
    {
        { "\"json\"", "response_format", "must be an object" },
        { """{"type":"xml"}""", "response_format.type", "'xml' is not supported" },
        { """{}""", "response_format.type", "is required" },
        { """{"type":"json_schema"}""", "response_format.json_schema", "must be an object" },
        { """{"type":"json_schema","json_schema":{"name":"r"}}""", "response_format.json_schema.schema", "must be a JSON schema object" },
        { """{"type":"json_schema","json_schema":{"name":"a b","schema":{}}}""", "response_format.json_schema.name", "letters, digits" },
        { """{"type":"json_schema","json_schema":{"name":"r","strict":"yes","schema":{}}}""", "response_format.json_schema.strict", "true or false" },
        { """{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"string","pattern":"^a$"}}}""", "response_format.json_schema.schema", "$.pattern: keyword 'pattern' is not supported" },
        { """{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":1}}}}}""", "response_format.json_schema.schema", "$.properties.n.minimum" },
        { """{"type":"json_schema","json_schema":{"name":"r","schema":{"$ref":"#/$defs/x"}}}""", "response_format.json_schema.schema", "does not point into this schema" },
    };

    [Theory]
    [MemberData(nameof(BadFormats))]
    public async Task BadResponseFormat_IsA400NamingTheField(string format, string param, string message)
    {
        var response = await fixture.Client.PostChatAsync(Ask(Text("hi")).With("response_format", JsonNode.Parse(format)));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: param);
        Assert.Contains(message, (string)error["message"]!, StringComparison.Ordinal);
    }

    // The demo server serves its own model name; leaving the model out asks for whatever it serves.
    private static JsonObject Ask(params JsonNode[] parts)
    {
        var request = Chat(parts);
        request.Remove("model");
        return request;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
