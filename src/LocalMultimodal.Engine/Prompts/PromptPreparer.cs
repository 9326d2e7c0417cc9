using System.Runtime.InteropServices;
using System.Security.Cryptography;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>
/// Checks a prompt against the model and the limits and decodes its media, on the caller's side of the
/// queue, so that decoding never holds up the inference loop. <paramref name="resizeFactor"/> is the side of one
/// image token for a dynamic-resolution projector (0 for a fixed-size one), the unit an image's pixel budget resizes to.
/// </summary>
internal sealed class PromptPreparer(EngineOptions options, EngineCapabilities capabilities, ChatTemplateRenderer renderer, int resizeFactor = 0)
{
    public async Task<PreparedPrompt> PrepareAsync(MultimodalPrompt prompt, CancellationToken cancellationToken)
    {
        CheckLimits(prompt.Media);
        string[] texts = prompt.Text.Split(MultimodalPrompt.MediaMarker);
        int markers = texts.Length - 1;
        if (markers != prompt.Media.Count)
        {
            throw new InvalidRequestException(
                $"The prompt has {markers} media marker{(markers == 1 ? "" : "s")} ({MultimodalPrompt.MediaMarker}) but {prompt.Media.Count} media item{(prompt.Media.Count == 1 ? "" : "s")}; " +
                "give exactly one item per marker.", "media_marker_mismatch") { Param = "prompt" };
        }

        var pieces = new List<PromptPiece>();
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i].Length > 0)
            {
                pieces.Add(new TextPiece(texts[i], ParseSpecial: true));
            }

            if (i < prompt.Media.Count)
            {
                pieces.Add(new MediaPiece(await PrepareMediaAsync(prompt.Media[i], cancellationToken).ConfigureAwait(false)));
            }
        }

        return new PreparedPrompt(pieces);
    }

    public async Task<PreparedPrompt> PrepareChatAsync(IReadOnlyList<ChatTurn> turns, ChatTemplateOptions? template, CancellationToken cancellationToken)
    {
        if (turns.Count == 0)
        {
            throw new InvalidRequestException("The conversation has no messages.", "empty_conversation") { Param = "messages" };
        }

        var media = turns.SelectMany(t => t.Items).Select(i => i.Media).OfType<MediaInput>().ToList();
        CheckLimits(media);
        var prepared = new List<PreparedMedia>(media.Count);
        foreach (var item in media)
        {
            prepared.Add(await PrepareMediaAsync(item, cancellationToken).ConfigureAwait(false));
        }

        return new PreparedPrompt(renderer.Render(turns, prepared, template));
    }

    /// <summary>Checks and decodes one media item on its own (for encoding outside a prompt).</summary>
    public Task<PreparedMedia> PrepareMediaOnlyAsync(MediaInput media, CancellationToken cancellationToken)
    {
        CheckLimits([media]);
        return PrepareMediaAsync(media, cancellationToken);
    }

    private void CheckLimits(IReadOnlyList<MediaInput> media)
    {
        MediaRules.CheckPerPrompt([.. media.Select(m => m.Modality)], capabilities);

        if (!options.EnableMediaEmbeddings && media.Any(m => m is EmbeddingInput))
        {
            throw new InvalidRequestException(
                "Precomputed embeddings are off; enable them with EngineOptions.EnableMediaEmbeddings (server: --enable-mm-embeds).",
                "embeddings_disabled");
        }
    }

    private async Task<PreparedMedia> PrepareMediaAsync(MediaInput media, CancellationToken cancellationToken)
    {
        string? variant = null;
        if (media is ImageInput budgeted)
        {
            PixelBudget.Check(budgeted.MinPixels, budgeted.MaxPixels, resizeFactor);
            variant = PixelBudget.Variant(budgeted.MinPixels, budgeted.MaxPixels, resizeFactor);
        }

        if (media is VideoInput { Frames: { } givenFrames } && givenFrames.Any(f => f.MinPixels is not null || f.MaxPixels is not null))
        {
            // A video's frames are sampled and encoded as the video's; a budget on one frame would be dropped, so it is refused.
            var field = givenFrames.Any(f => f.MaxPixels is not null) ? PixelBudget.MaxField : PixelBudget.MinField;
            throw new InvalidRequestException($"A video frame cannot carry its own pixel budget ({field}); budgets apply to images only.", PixelBudget.InvalidCode) { Param = field };
        }

        if (media.IsReferenceOnly)
        {
            return new PreparedMedia { Modality = media.Modality, Uuid = media.Uuid, UuidVariant = variant };
        }

        switch (media)
        {
            case ImageInput image:
                var pixels = await Task.Run(() => PrepareImage(image), cancellationToken).ConfigureAwait(false);
                return Images(MediaModality.Image, media.Uuid, [pixels], variant);
            case VideoInput video:
                var frames = await VideoPreparer.PrepareAsync(video, VideoOptions(video), options.Media.Image, cancellationToken).ConfigureAwait(false);
                return Images(MediaModality.Video, media.Uuid, frames);
            case AudioInput audio:
                int rate = capabilities.AudioSampleRate;
                var samples = await AudioPreparer.PrepareAsync(audio, rate, options.Media.Audio, audio.Format, cancellationToken).ConfigureAwait(false);
                var clips = samples.Length > options.Media.Audio.MaxClipSeconds * rate
                    ? AudioSplitter.Split(samples, rate, options.Media.Audio.MaxClipSeconds, options.Media.Audio.SplitOverlapSeconds, options.Media.Audio.SplitWindowSamples)
                    : [samples];
                return new PreparedMedia
                {
                    Modality = MediaModality.Audio,
                    Uuid = media.Uuid,
                    AudioClips = clips,
                    ContentKey = Hash(clips.Select(c => MediaContentHash.Of(c, rate))),
                };
            case EmbeddingInput embeddings:
                var tensor = embeddings.Embeddings!;
                var grid = EmbeddingExtras.Grid(embeddings);
                return new PreparedMedia
                {
                    Modality = embeddings.Modality,
                    Uuid = media.Uuid,
                    Embeddings = tensor,
                    Grid = grid,

                    // The grid sets the rows' positions, so the same rows on another grid are another item.
                    ContentKey = Hash([string.Join(',', tensor.Shape), grid?.ToString() ?? "", Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(tensor.Values.Span)))]),
                };
            default:
                throw new InvalidRequestException($"Media of type {media.GetType().Name} is not supported.", "modality_not_supported");
        }
    }

    /// <summary>
    /// The image decoded, and resized into its pixel budget on a dynamic-resolution projector. The content key is
    /// taken after resizing, so the same picture under two budgets is two cache entries.
    /// </summary>
    private PreparedImage PrepareImage(ImageInput image)
    {
        var prepared = ImagePreparer.Prepare(image, options.Media.Image);
        return resizeFactor > 0 && (image.MinPixels is not null || image.MaxPixels is not null)
            ? PixelBudget.Apply(prepared, resizeFactor, image.MinPixels, image.MaxPixels, options.Media.Image)
            : prepared;
    }

    /// <summary>The engine's video options, with the item's own frame count where it asks for fewer, and its own rate.</summary>
    private VideoMediaOptions VideoOptions(VideoInput video)
    {
        var configured = options.Media.Video;
        if (video.Fps is { } fps && (!double.IsFinite(fps) || fps <= 0))
        {
            throw new InvalidRequestException("fps must be a number of frames per second above 0.", "invalid_media_option") { Param = "fps" };
        }

        if (video.Fps is not null && video.Frames is not null)
        {
            throw new InvalidRequestException("fps applies to encoded videos; frames given directly carry no time. Use num_frames.", "invalid_media_option") { Param = "fps" };
        }

        int wanted = Math.Min(video.NumFrames ?? configured.NumFrames, configured.NumFrames);
        if (wanted == configured.NumFrames && video.Fps is null)
        {
            return configured;
        }

        if (wanted < 1)
        {
            throw new InvalidRequestException("num_frames must be at least 1.", "invalid_media_option") { Param = "num_frames" };
        }

        return new VideoMediaOptions
        {
            NumFrames = wanted,
            Fps = video.Fps ?? configured.Fps,
            FrameRecovery = configured.FrameRecovery,
            MaxDurationSeconds = configured.MaxDurationSeconds,
            MaxFrames = configured.MaxFrames,
            DecodeTimeout = configured.DecodeTimeout,
        };
    }

    private static PreparedMedia Images(MediaModality modality, string? uuid, IReadOnlyList<PreparedImage> images, string? uuidVariant = null) => new()
    {
        Modality = modality,
        Uuid = uuid,
        UuidVariant = uuidVariant,
        Images = images,
        // A video frame's time is part of its encoding on an M-RoPE projector (the timestamps between frames).
        ContentKey = Hash(images.Select(i => i.Seconds is { } seconds
            ? $"{MediaContentHash.Of(i)}@{seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"
            : MediaContentHash.Of(i))),
    };

    private static string Hash(IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('|', parts))));
}
