using System.Text.Json.Nodes;

namespace LocalMultimodal.Testing.Conformance;

/// <summary>A tool call as a surface reports it: its id, the function's name and the arguments as a JSON object.</summary>
public sealed record SurfaceToolCall(string Id, string Name, JsonObject Arguments);
