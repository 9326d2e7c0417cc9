namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
internal sealed class ModelList
{
    public string Object => "list";

    public required List<ModelCard> Data { get; init; }
}
