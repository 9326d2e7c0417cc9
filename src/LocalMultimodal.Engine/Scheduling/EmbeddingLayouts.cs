using LLama;
using LLama.Native;
using LocalMultimodal.Errors;
using LocalMultimodal.Loading;
using LocalMultimodal.Media;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// Turns precomputed embeddings into plan steps, after checking every tensor against what the projector
/// produces: libmtmd is asked how it lays out a placeholder item (wrapper tokens, chunk sizes), and the
/// tensor must fit that layout exactly, so a wrong shape is a clear error and never reaches native code.
/// Images: the layout of a square image at the projector's input size. Audio: whole encoder windows.
/// A Qwen-VL (M-RoPE) image: the wrapper of a placeholder image around one chunk whose size and positions come from
/// the item's patch grid (<c>image_grid_thw</c>).
/// </summary>
internal sealed class EmbeddingLayouts(LoadedModel model)
{
    private readonly Dictionary<MediaModality, IReadOnlyList<LayoutStep>> _layouts = [];

    public List<PlanStep> Build(MediaModality modality, EmbeddingTensor tensor, PatchGrid? grid, string itemKey)
    {
        int width = model.Weights.EmbeddingSize;
        var shape = tensor.Shape;
        if (shape.Count is not (2 or 3) || shape[^1] != width)
        {
            throw Invalid($"Embeddings must have shape (tokens, {width}) or (chunks, tokens, {width}); got ({string.Join(", ", shape)}).");
        }

        foreach (float value in tensor.Values.Span)
        {
            if (!float.IsFinite(value))
            {
                throw Invalid("Embeddings must hold finite numbers only (no NaN or infinity).");
            }
        }

        if (model.UsesMRope && modality != MediaModality.Audio)
        {
            // An M-RoPE image is positioned on its grid, which a bare tensor of rows does not give.
            return grid is not null
                ? BuildOnGrid(tensor, grid, itemKey)
                : throw Invalid($"This projector (the Qwen2-VL family) positions image embeddings on their grid; send the grid with them ({EmbeddingExtras.ImageGridThw}).");
        }

        if (grid is not null)
        {
            throw Invalid($"This model lays image embeddings out in a line, not on a grid (only the Qwen2-VL family's M-RoPE does); {EmbeddingExtras.ImageGridThw} {grid} cannot be honoured: send the embeddings without it.", EmbeddingExtras.ImageGridThw);
        }

        var layout = Layout(modality);
        int[] chunkTokens = modality == MediaModality.Audio
            ? AudioChunks(layout, tensor)
            : [.. layout.Where(s => s.MediaTokens > 0).Select(s => s.MediaTokens)];
        CheckChunks(tensor, chunkTokens, modality);

        var steps = new List<PlanStep>();
        int row = 0;
        int chunk = 0;
        foreach (var step in ExpandAudio(layout, chunkTokens.Length, modality))
        {
            if (step.Tokens is { } tokens)
            {
                steps.Add(new TokenStep(tokens));
                continue;
            }

            int count = chunkTokens[chunk];
            var rows = tensor.Values.Span.Slice(row * width, count * width).ToArray();
            steps.Add(new EmbeddingStep(new MediaChunkKey(itemKey, 0, chunk), rows, count, modality, step.NonCausal, ChunkPositions.Linear(count)));
            row += count;
            chunk++;
        }

        return steps;
    }

    /// <summary>
    /// One chunk of t·(h/merge)·(w/merge) rows on the merged grid, wrapped in the tokens libmtmd puts around an image of
    /// this projector; the grid must agree with the projector's merge factor and with the tensor's rows.
    /// </summary>
    private List<PlanStep> BuildOnGrid(EmbeddingTensor tensor, PatchGrid grid, string itemKey)
    {
        int merge = model.SpatialMerge;
        string thw = $"{EmbeddingExtras.ImageGridThw} {grid}";
        if (grid.Temporal != 1)
        {
            throw Invalid($"{thw}: t must be 1 for an image (libmtmd encodes an image as one temporal patch).", EmbeddingExtras.ImageGridThw);
        }

        if (merge <= 0 || grid.Height % merge != 0 || grid.Width % merge != 0)
        {
            throw Invalid($"{thw}: h and w must be multiples of this projector's spatial merge ({merge}).", EmbeddingExtras.ImageGridThw);
        }

        int columns = grid.Width / merge;
        int rows = grid.Height / merge;
        long tokens = (long)columns * rows;
        var shape = tensor.Shape;
        long given = shape.Count == 2 ? shape[0] : shape[0] == 1 ? shape[1] : -1;
        if (given != tokens)
        {
            throw Invalid($"{thw} makes {tokens} tokens on this projector ({grid.Height}/{merge} × {grid.Width}/{merge}); the embeddings have shape ({string.Join(", ", shape)}), so (tokens, width) must be ({tokens}, {model.Weights.EmbeddingSize}).");
        }

        var layout = Layout(MediaModality.Image);
        if (layout.Count(s => s.MediaTokens > 0) != 1)
        {
            throw new InvalidOperationException("libmtmd lays out a Qwen-VL image in more than one chunk, which this engine cannot reproduce from embeddings.");
        }

        var rowsOfTensor = tensor.Values.ToArray();
        return [.. layout.Select(step => step.Tokens is { } wrapper
            ? (PlanStep)new TokenStep(wrapper)
            : new EmbeddingStep(new MediaChunkKey(itemKey, 0, 0), rowsOfTensor, (int)tokens, MediaModality.Image, step.NonCausal, ChunkPositions.Grid(columns, rows)))];
    }

    private static int[] AudioChunks(IReadOnlyList<LayoutStep> layout, EmbeddingTensor tensor)
    {
        int window = layout.First(s => s.MediaTokens > 0).MediaTokens;
        long tokens = tensor.Shape.Count == 3 ? tensor.Shape[0] * tensor.Shape[1] : tensor.Shape[0];
        if (tokens == 0 || tokens % window != 0)
        {
            throw Invalid($"Audio embeddings must come in whole encoder windows of {window} tokens; got {tokens} tokens.");
        }

        return [.. Enumerable.Repeat(window, (int)(tokens / window))];
    }

    private static void CheckChunks(EmbeddingTensor tensor, int[] chunkTokens, MediaModality modality)
    {
        var shape = tensor.Shape;
        string expected = string.Join(" + ", chunkTokens);
        bool fits = shape.Count == 2
            ? shape[0] == chunkTokens.Sum()
            : shape[0] == chunkTokens.Length && chunkTokens.All(t => t == shape[1]);
        if (!fits)
        {
            throw Invalid($"This projector makes {expected} tokens for one {modality.ToString().ToLowerInvariant()} item; the embeddings have shape ({string.Join(", ", shape)}).");
        }
    }

    /// <summary>Audio layouts repeat the chunk for every window; image layouts are used as they are.</summary>
    private static IEnumerable<LayoutStep> ExpandAudio(IReadOnlyList<LayoutStep> layout, int chunks, MediaModality modality)
    {
        if (modality != MediaModality.Audio)
        {
            return layout;
        }

        var chunk = layout.First(s => s.MediaTokens > 0);
        var before = layout.TakeWhile(s => s.MediaTokens == 0);
        var after = layout.Reverse().TakeWhile(s => s.MediaTokens == 0).Reverse();
        return [.. before, .. Enumerable.Repeat(chunk, chunks), .. after];
    }

    private IReadOnlyList<LayoutStep> Layout(MediaModality modality)
    {
        if (_layouts.TryGetValue(modality, out var layout))
        {
            return layout;
        }

        var projector = model.Projector!;
        if (modality != MediaModality.Audio && model.ProjectorImageSize <= 0 && model.DynamicResizeFactor <= 0)
        {
            throw Invalid("This projector does not state its input size (clip.vision.image_size), so image embeddings cannot be checked.");
        }

        // A dynamic-resolution projector's wrapper does not depend on the size, so a small placeholder does.
        int side = model.DynamicResizeFactor > 0 ? 2 * model.DynamicResizeFactor : model.ProjectorImageSize;
        using var embed = modality == MediaModality.Audio
            ? SafeMtmdEmbed.FromAudioSamples(new float[projector.SampleRate])
            : SafeMtmdEmbed.FromRgbBytes((uint)side, (uint)side, new byte[side * side * 3]);
        using var chunks = NativeChunks.TokenizeItem(projector.NativeHandle, embed!, out int status)
            ?? throw new InvalidOperationException($"libmtmd could not lay out a placeholder {modality} (code {status}).");
        var steps = new List<LayoutStep>();
        for (int i = 0; i < chunks.Count; i++)
        {
            using var chunk = chunks[i];
            steps.Add(chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text
                ? new LayoutStep(NativeChunks.TextTokens(chunk), 0, false)
                : new LayoutStep(null, checked((int)chunk.NTokens), chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image && projector.UsesNonCausalAttention));
        }

        _layouts[modality] = steps;
        return steps;
    }

    private static InvalidRequestException Invalid(string message, string param = "embeddings") => new(message, MediaErrorCodes.InvalidEmbeddings) { Param = param };

    private sealed record LayoutStep(LLamaToken[]? Tokens, int MediaTokens, bool NonCausal);
}
