namespace LocalMultimodal.Server.WebUi;

/// <summary>One file of the chat page, read once from the assembly's embedded resources.</summary>
/// <param name="Content">The file's bytes.</param>
/// <param name="ContentType">Its media type, with a charset for text.</param>
/// <param name="ETag">A quoted hash of the content, so a reload answers 304.</param>
internal sealed record WebUiAsset(byte[] Content, string ContentType, string ETag);
