using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A media part as read from the request, before anything is fetched or decoded: a URL to fetch, bytes already in
/// the request, serialized embeddings, or none of them (a uuid-only reference).
/// </summary>
/// <param name="Modality">Image, audio or video; embeddings count as the modality they stand for.</param>
/// <param name="Uuid">The part's uuid, if any.</param>
/// <param name="Param">Where the part is in the request, for error messages, such as <c>messages[0].content[1]</c>.</param>
internal sealed record MediaDraft(MediaModality Modality, string? Uuid, string Param)
{
    /// <summary>An http(s), data or file URL to fetch.</summary>
    public string? Url { get; init; }

    /// <summary>Bytes sent inline (<c>input_audio</c>).</summary>
    public byte[]? Data { get; init; }

    /// <summary>The declared format of <see cref="Data"/> (<c>input_audio.format</c>), a hint for the decoder.</summary>
    public string? Format { get; init; }

    /// <summary>Precomputed embeddings (<c>image_embeds</c>, <c>audio_embeds</c>), still serialized.</summary>
    public EmbedsDraft? Embeds { get; init; }

    public bool IsReference => Url is null && Data is null && Embeds is null;
}
