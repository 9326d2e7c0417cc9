using System.Text.Json.Serialization;

namespace LocalMultimodal.Hub.Api;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<TreeEntry>))]
[JsonSerializable(typeof(RevisionInfo))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
