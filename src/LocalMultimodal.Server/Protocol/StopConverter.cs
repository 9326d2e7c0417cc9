using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalMultimodal.Server.Protocol;

/// <summary>Reads <c>stop</c>, which OpenAI allows as one string or an array of strings.</summary>
internal sealed class StopConverter : JsonConverter<List<string>>
{
    public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => [reader.GetString()!],
        JsonTokenType.StartArray => JsonSerializer.Deserialize(ref reader, ServerJsonContext.Default.ListString) ?? [],
        _ => throw new JsonException("stop must be a string or an array of strings."),
    };

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request stop sequences are only read.");
}
