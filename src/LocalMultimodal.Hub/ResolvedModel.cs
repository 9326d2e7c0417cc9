namespace LocalMultimodal.Hub;

/// <summary>A hub model's files on disk, in the cache's snapshot of one commit.</summary>
/// <param name="Reference">What was asked for.</param>
/// <param name="Commit">The commit the files belong to.</param>
/// <param name="ModelPath">The language model GGUF.</param>
/// <param name="ProjectorPath">The projector GGUF; null when it was not asked for.</param>
/// <param name="FromCache">True when nothing had to be downloaded.</param>
public sealed record ResolvedModel(ModelReference Reference, string Commit, string ModelPath, string? ProjectorPath, bool FromCache);
