namespace LocalMultimodal.Server.Protocol;

/// <summary>One served model name.</summary>
internal sealed class ModelCard
{
    public required string Id { get; init; }

    public string Object => "model";

    public required long Created { get; init; }

    public string OwnedBy => "localmultimodal";

    /// <summary>vLLM's field: tokens one sequence may hold.</summary>
    public int MaxModelLen { get; init; }
}
