using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// An <c>image_embeds</c> or <c>audio_embeds</c> part's tensors, base64-decoded but not yet parsed: either one
/// tensor, or an object of named tensors whose main one is named after the part type (vLLM's form, such as
/// <c>{"image_embeds": ..., "image_grid_thw": ...}</c>). As in vLLM, a named value other than the embeddings may also be
/// a JSON list of numbers (<c>"image_grid_thw": [1, 8, 8]</c>), already read into a tensor here.
/// </summary>
/// <param name="Field">The part type, which is also the name of the main tensor in the object form.</param>
/// <param name="Single">The one tensor, when the part holds a string.</param>
/// <param name="Named">The named serialized tensors, when the part holds an object.</param>
/// <param name="Lists">The named values given as JSON lists of numbers, when the part holds an object.</param>
internal sealed record EmbedsDraft(string Field, byte[]? Single, IReadOnlyDictionary<string, byte[]>? Named, IReadOnlyDictionary<string, EmbeddingTensor>? Lists = null);
