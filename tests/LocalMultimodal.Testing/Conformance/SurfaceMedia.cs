namespace LocalMultimodal.Testing.Conformance;

/// <summary>
/// One media item of a question, as encoded bytes and a media type: each surface turns it into its own form (an engine
/// input, an M.E.AI content, an OpenAI content part).
/// </summary>
public sealed record SurfaceMedia(SurfaceMediaKind Kind, byte[] Bytes, string MediaType, string? Uuid = null)
{
    public static SurfaceMedia Png(byte[] png, string? uuid = null) => new(SurfaceMediaKind.Image, png, "image/png", uuid);

    public static SurfaceMedia Wav(byte[] wav) => new(SurfaceMediaKind.Audio, wav, "audio/wav");

    public static SurfaceMedia Mp4(byte[] mp4) => new(SurfaceMediaKind.Video, mp4, "video/mp4");

    public static SurfaceMedia ImageReference(string uuid) => new(SurfaceMediaKind.ImageReference, [], "image/png", uuid);
}
