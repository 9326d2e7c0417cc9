namespace LocalMultimodal.Fetching;

/// <summary>The bytes of one media item, as fetched, before any decoding.</summary>
/// <param name="Data">The raw bytes. Never decompressed: a gzip body stays gzip.</param>
/// <param name="MediaType">
/// The media type without parameters (such as <c>image/png</c>), from the response's Content-Type or the
/// <c>data:</c> URL; <see langword="null"/> when none was given (always for <c>file:</c> URLs).
/// </param>
/// <param name="Source">The URL the bytes came from (after redirects); <see langword="null"/> for <c>data:</c> URLs.</param>
public sealed record FetchedMedia(ReadOnlyMemory<byte> Data, string? MediaType, Uri? Source);
