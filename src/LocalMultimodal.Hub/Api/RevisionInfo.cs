namespace LocalMultimodal.Hub.Api;

/// <summary>The part of <c>GET /api/models/{repo}/revision/{revision}</c> (huggingface_hub's <c>model_info</c>) used here.</summary>
internal sealed class RevisionInfo
{
    public string? Id { get; set; }

    public string? Sha { get; set; }
}
