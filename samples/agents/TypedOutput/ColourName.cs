using System.Text.Json.Serialization;

namespace LocalMultimodal.Samples.TypedOutput;

/// <summary>
/// The colours the demo model names. In JSON they are the lower-case words a model writes ("blue"), which is also
/// what the schema offers it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColourName>))]
public enum ColourName
{
    [JsonStringEnumMemberName("black")]
    Black,

    [JsonStringEnumMemberName("white")]
    White,

    [JsonStringEnumMemberName("gray")]
    Gray,

    [JsonStringEnumMemberName("red")]
    Red,

    [JsonStringEnumMemberName("green")]
    Green,

    [JsonStringEnumMemberName("blue")]
    Blue,

    [JsonStringEnumMemberName("yellow")]
    Yellow,

    [JsonStringEnumMemberName("cyan")]
    Cyan,

    [JsonStringEnumMemberName("magenta")]
    Magenta,

    [JsonStringEnumMemberName("orange")]
    Orange,

    [JsonStringEnumMemberName("purple")]
    Purple,

    [JsonStringEnumMemberName("pink")]
    Pink,
}
