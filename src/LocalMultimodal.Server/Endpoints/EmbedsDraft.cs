namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// An <c>image_embeds</c> or <c>audio_embeds</c> part's tensors, base64-decoded but not yet parsed: either one
/// tensor, or an object of named tensors whose main one is named after the part type (vLLM's form, such as
/// <c>{"image_embeds": ..., "image_grid_thw": ...}</c>).
/// </summary>
/// <param name="Field">The part type, which is also the name of the main tensor in the object form.</param>
/// <param name="Single">The one tensor, when the part holds a string.</param>
/// <param name="Named">The named tensors, when the part holds an object.</param>
internal sealed record EmbedsDraft(string Field, byte[]? Single, IReadOnlyDictionary<string, byte[]>? Named);
