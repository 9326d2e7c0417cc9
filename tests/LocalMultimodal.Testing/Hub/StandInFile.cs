namespace LocalMultimodal.Testing.Hub;

/// <summary>A file the stand-in hub lists: its path, size, the SHA-256 it claims, and where its bytes are.</summary>
/// <param name="Path">The path in the repository, as listed (may be hostile on purpose).</param>
/// <param name="Size">The size listed.</param>
/// <param name="Sha256">The LFS oid listed (may be wrong on purpose).</param>
/// <param name="Content">The file holding the bytes served; null for a listing entry with no content.</param>
public sealed record StandInFile(string Path, long Size, string Sha256, string? Content);
