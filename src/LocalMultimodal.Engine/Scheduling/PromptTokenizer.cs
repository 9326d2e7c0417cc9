using LLama.Native;
using LocalMultimodal.Errors;
using LocalMultimodal.Loading;
using LocalMultimodal.Media;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// Turns prepared prompt pieces into decodable steps: text is tokenized, and each media item is run through
/// libmtmd (its wrapper text plus one or more media chunks) and the projector. Runs on the loop thread.
/// </summary>
internal sealed unsafe class PromptTokenizer(LoadedModel model)
{
    private readonly int embeddingSize = model.Weights.EmbeddingSize;

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

                    steps.AddRange(Encode(media.Media));
                    break;
            }

            first = false;
        }

        return new PromptPlan(steps);
    }

    private List<PlanStep> Encode(PreparedMedia media)
    {
        var projector = model.Projector ?? throw new InvalidRequestException(
            "This model has no multimodal projector, so it takes text only.", "modality_not_supported");
        if (media.IsReferenceOnly)
        {
            throw new CacheMissException(media.Uuid!);
        }

        using var embed = media.Image is { } image
            ? SafeMtmdEmbed.FromRgbBytes((uint)image.Width, (uint)image.Height, image.Rgb)
            : SafeMtmdEmbed.FromAudioSamples(media.Audio);
        if (embed is null)
        {
            throw new InvalidRequestException($"libmtmd could not take this {media.Modality.ToString().ToLowerInvariant()}.", "invalid_media");
        }

        using var chunks = NativeChunks.Tokenize(
            projector.NativeHandle, NativeApi.MtmdDefaultMarker() ?? MultimodalPrompt.MediaMarker, addSpecial: false, parseSpecial: true, [embed], out int status)
            ?? throw new InvalidRequestException(
                $"libmtmd could not prepare this {media.Modality.ToString().ToLowerInvariant()} (code {status}).", "invalid_media");
        var steps = new List<PlanStep>();
        for (int i = 0; i < chunks.Count; i++)
        {
            using var chunk = chunks[i];
            if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
            {
                steps.Add(new TokenStep([.. chunk.GetTextTokensSpan().ToArray().Select(t => (LLamaToken)t)]));
            }
            else
            {
                steps.Add(EncodeChunk(projector.NativeHandle, chunk, media.Modality));
            }
        }

        return steps;
    }

    private EmbeddingStep EncodeChunk(SafeMtmdModelHandle projector, SafeMtmdInputChunk chunk, MediaModality modality)
    {
        int tokens = checked((int)chunk.NTokens);
        int rc = MtmdExports.EncodeChunk(projector, chunk.NativePtr);
        if (rc != 0)
        {
            throw new InvalidOperationException($"The projector failed to encode a media chunk (code {rc}).");
        }

        var embeddings = new float[tokens * embeddingSize];
        new ReadOnlySpan<float>(MtmdExports.OutputEmbeddings(projector), embeddings.Length).CopyTo(embeddings);
        bool nonCausal = chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image && model.Projector!.UsesNonCausalAttention;
        return new EmbeddingStep(embeddings, tokens, modality, nonCausal);
    }
}
