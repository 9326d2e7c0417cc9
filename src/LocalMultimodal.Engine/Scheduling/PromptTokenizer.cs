using LLama;
using LLama.Native;
using LocalMultimodal.Caching;
using LocalMultimodal.Errors;
using LocalMultimodal.Loading;
using LocalMultimodal.Media;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// Turns prepared prompt pieces into decodable steps: text is tokenized, and each media item is run through
/// libmtmd (its wrapper text plus one or more media chunks) and the projector, or taken from the media
/// cache. Runs on the loop thread.
/// </summary>
internal sealed unsafe class PromptTokenizer(LoadedModel model, MediaEncodingCache cache, UuidIndex uuids, CacheCounters counters, bool prefixCaching)
{
    private readonly int _embeddingSize = model.Weights.EmbeddingSize;
    private readonly EmbeddingLayouts _embeddingLayouts = new(model);

    public PromptPlan Tokenize(PreparedPrompt prompt)
    {
        var steps = new List<PlanStep>();
        bool first = true;
        foreach (var piece in prompt.Pieces)
        {
            switch (piece)
            {
                case TextPiece text:
                    var tokens = model.Context.Tokenize(text.Text, addBos: first, special: text.ParseSpecial);
                    if (tokens.Length > 0)
                    {
                        steps.Add(new TokenStep(tokens));
                    }

                    break;
                case MediaPiece media:
                    if (first)
                    {
                        steps.Add(new TokenStep(model.Context.Tokenize(string.Empty, addBos: true, special: false)));
                    }

                    steps.AddRange(Resolve(media.Media));
                    break;
            }

            first = false;
        }

        if (steps.Count == 0)
        {
            var bos = model.Context.Tokenize(string.Empty, addBos: true, special: false);
            steps.Add(bos.Length > 0 ? new TokenStep(bos) : throw new InvalidRequestException("The prompt is empty.", "empty_prompt") { Param = "prompt" });
        }

        return new PromptPlan(steps);
    }

    /// <summary>The steps of one media item: from the media cache, or encoded now.</summary>
    public IReadOnlyList<PlanStep> Resolve(PreparedMedia media)
    {
        var projector = model.Projector ?? throw new InvalidRequestException(
            "This model has no multimodal projector, so it takes text only.", "modality_not_supported");
        bool cachesOn = cache.Enabled || prefixCaching;
        if (media.IsReferenceOnly)
        {
            // A uuid-only item: its encoding from the media cache, or its shape for reused KV to supply.
            if (!cachesOn || !uuids.TryGet(media.Modality, media.Uuid!, media.UuidVariant, out var skeleton))
            {
                throw new CacheMissException(media.Uuid!);
            }

            var key = ((UnresolvedMediaStep)skeleton.First(s => s is UnresolvedMediaStep)).Key;
            if (cache.TryGet(key.ItemKey, out var cached))
            {
                counters.MediaHit();
                return cached;
            }

            return skeleton;
        }

        string itemKey = $"{media.Modality}:{media.ContentKey}";
        if (!cache.TryGet(itemKey, out var steps))
        {
            counters.MediaMiss();
            steps = Encode(projector, media, itemKey);
            cache.Add(itemKey, steps);
        }
        else
        {
            counters.MediaHit();
        }

        if (cachesOn && media.Uuid is { } uuid)
        {
            uuids.Remember(media.Modality, uuid, media.UuidVariant, steps);
        }

        return steps;
    }

    private List<PlanStep> Encode(MtmdWeights projector, PreparedMedia media, string itemKey)
    {
        if (media.Embeddings is { } embeddings)
        {
            return _embeddingLayouts.Build(media.Modality, embeddings, media.Grid, itemKey);
        }

        if (model.UsesMRope && media.Modality == MediaModality.Video && media.Images.Count > 0)
        {
            return EncodeVideo(projector, media.Images, itemKey);
        }

        var steps = new List<PlanStep>();
        int part = 0;
        foreach (var image in media.Images)
        {
            using var embed = SafeMtmdEmbed.FromRgbBytes((uint)image.Width, (uint)image.Height, image.Rgb);
            steps.AddRange(EncodePart(projector, embed, media.Modality, itemKey, part++));
        }

        foreach (var clip in media.AudioClips)
        {
            using var embed = SafeMtmdEmbed.FromAudioSamples(clip);
            steps.AddRange(EncodePart(projector, embed, media.Modality, itemKey, part++));
        }

        return steps;
    }

    /// <summary>
    /// A video for an M-RoPE projector, tokenized whole as llama.cpp's video helper lays it out (<see cref="HelperVideoText"/>):
    /// libmtmd pairs adjacent frames into one temporal patch, each pair a chunk on its merged grid.
    /// </summary>
    private List<PlanStep> EncodeVideo(MtmdWeights projector, IReadOnlyList<PreparedImage> frames, string itemKey)
    {
        var bitmaps = new SafeMtmdEmbed[frames.Count];
        try
        {
            for (int i = 0; i < frames.Count; i++)
            {
                bitmaps[i] = SafeMtmdEmbed.FromRgbBytes((uint)frames[i].Width, (uint)frames[i].Height, frames[i].Rgb)
                    ?? throw new InvalidRequestException("libmtmd could not take this video.", "invalid_media");
            }

            string text = HelperVideoText.Build(frames, NativeChunks.Marker);
            using var chunks = NativeChunks.Tokenize(projector.NativeHandle, text, addSpecial: false, parseSpecial: true, bitmaps, out int status)
                ?? throw new InvalidRequestException($"libmtmd could not prepare this video (code {status}).", "invalid_media");
            return Steps(projector, chunks, MediaModality.Video, itemKey, 0);
        }
        finally
        {
            foreach (var bitmap in bitmaps)
            {
                bitmap?.Dispose();
            }
        }
    }

    private List<PlanStep> EncodePart(MtmdWeights projector, SafeMtmdEmbed? embed, MediaModality modality, string itemKey, int part)
    {
        string kind = modality.ToString().ToLowerInvariant();
        if (embed is null)
        {
            throw new InvalidRequestException($"libmtmd could not take this {kind}.", "invalid_media");
        }

        using var chunks = NativeChunks.TokenizeItem(projector.NativeHandle, embed, out int status)
            ?? throw new InvalidRequestException($"libmtmd could not prepare this {kind} (code {status}).", "invalid_media");
        return Steps(projector, chunks, modality, itemKey, part);
    }

    private List<PlanStep> Steps(MtmdWeights projector, NativeChunks chunks, MediaModality modality, string itemKey, int part)
    {
        var steps = new List<PlanStep>();
        for (int i = 0; i < chunks.Count; i++)
        {
            using var chunk = chunks[i];
            if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
            {
                steps.Add(new TokenStep(NativeChunks.TextTokens(chunk)));
            }
            else
            {
                steps.Add(EncodeChunk(projector, chunk, modality, new MediaChunkKey(itemKey, part, i)));
            }
        }

        return steps;
    }

    private EmbeddingStep EncodeChunk(MtmdWeights projector, SafeMtmdInputChunk chunk, MediaModality modality, MediaChunkKey key)
    {
        int tokens = checked((int)chunk.NTokens);
        int rc = MtmdExports.EncodeChunk(projector.NativeHandle, chunk.NativePtr);
        if (rc != 0)
        {
            throw new InvalidOperationException($"The projector failed to encode a media chunk (code {rc}).");
        }

        var embeddings = new float[checked(tokens * _embeddingSize)];
        new ReadOnlySpan<float>(MtmdExports.OutputEmbeddings(projector.NativeHandle), embeddings.Length).CopyTo(embeddings);
        bool nonCausal = chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image && projector.UsesNonCausalAttention;
        return new EmbeddingStep(key, embeddings, tokens, modality, nonCausal, Layout(chunk, tokens));
    }

    /// <summary>
    /// How the chunk's rows are positioned: an M-RoPE image on its merged grid (max(nx, ny) positions; a video's frame
    /// pair is one temporal patch, so one grid too), anything else one position per row. libmtmd's own count
    /// (<c>n_pos</c>) must agree, so a layout this engine does not know fails here rather than decoding at wrong positions.
    /// </summary>
    private ChunkPositions Layout(SafeMtmdInputChunk chunk, int tokens)
    {
        var layout = ChunkPositions.Linear(tokens);
        if (model.UsesMRope && chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image)
        {
            var (width, height) = MtmdExports.ImageGrid(chunk.NativePtr);
            layout = width * height == tokens ? ChunkPositions.Grid(width, height) : layout with { Count = -1 };
        }

        if (layout.Count != chunk.NPos)
        {
            throw new InvalidOperationException($"libmtmd lays out a media chunk of {tokens} tokens over {chunk.NPos} positions, which this engine cannot reproduce.");
        }

        return layout;
    }
}
