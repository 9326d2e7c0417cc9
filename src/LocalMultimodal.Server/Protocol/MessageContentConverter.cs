using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>Reads <c>content</c>, which OpenAI allows as a string or as an array of parts.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new MessageContent { Text = reader.GetString() },
        JsonTokenType.StartArray => new MessageContent { Parts = JsonSerializer.Deserialize(ref reader, ServerJsonContext.Default.ListContentPart) },
        _ => throw new JsonException("content must be a string or an array of content parts."),
    };

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request content is only read.");
}
