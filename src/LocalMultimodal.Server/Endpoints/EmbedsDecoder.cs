using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Parses an embeddings part's tensors (torch.save, .npy or safetensors, sniffed) into the engine's input. Parsing
/// is safe on any bytes; the engine then checks the tensor against the model before any native call, and reads the
/// extras it knows (<c>image_grid_thw</c>) or refuses them by name.
/// </summary>
internal static class EmbedsDecoder
{
    public static EmbeddingInput Decode(MediaDraft draft, EmbedsDraft embeds)
    {
        string at = $"{draft.Param}.{embeds.Field}";
        EmbeddingTensor main;
        IReadOnlyDictionary<string, EmbeddingTensor>? extras = null;
        try
        {
            if (embeds.Single is { } single)
            {
                main = TensorDecoder.Decode(single);
            }
            else
            {
                var all = TensorDecoder.DecodeNamed(embeds.Named!);
                main = all[embeds.Field];
                extras = all.Where(t => t.Key != embeds.Field).Concat(embeds.Lists ?? new Dictionary<string, EmbeddingTensor>()).ToDictionary(StringComparer.Ordinal);
            }
        }
        catch (InvalidRequestException e)
        {
            // The decoder's message says what is wrong with the tensor, never how the bytes looked.
            throw new InvalidRequestException($"{at}: {e.Message}", e.Code) { Param = e.Param is { } name ? $"{at}.{name}" : at };
        }

        return draft.Modality == MediaModality.Audio
            ? EmbeddingInput.ForAudio(main, draft.Uuid, extras)
            : EmbeddingInput.ForImage(main, draft.Uuid, extras);
    }
}
