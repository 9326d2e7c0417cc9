using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A media part as read from the request, before anything is fetched: a URL to fetch, bytes already in the
/// request, or neither (a uuid-only reference).
/// </summary>
/// <param name="Modality">Image or audio.</param>
/// <param name="Url">An http(s), data or file URL to fetch.</param>
/// <param name="Data">Bytes sent inline (<c>input_audio</c>).</param>
/// <param name="Uuid">The part's uuid, if any.</param>
/// <param name="Param">Where the part is in the request, for error messages, such as <c>messages[0].content[1]</c>.</param>
internal sealed record MediaDraft(MediaModality Modality, string? Url, byte[]? Data, string? Uuid, string Param)
{
    public bool IsReference => Url is null && Data is null;
}
