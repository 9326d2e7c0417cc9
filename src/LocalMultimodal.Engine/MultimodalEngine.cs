using System.Diagnostics;
using System.Runtime.CompilerServices;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalMultimodal;

/// <summary>
/// A loaded multimodal model that answers many requests at once. Load one per model with
/// <see cref="LoadAsync"/> and share it; every method is safe to call from any thread.
/// </summary>
public sealed class MultimodalEngine : IDisposable, IAsyncDisposable
{
    private readonly InferenceLoop loop;
    private readonly PromptPreparer preparer;

    private MultimodalEngine(EngineOptions options, InferenceLoop loop)
    {
        Options = options;
        this.loop = loop;
        Capabilities = DescribeCapabilities(options, loop);
        var renderer = new ChatTemplateRenderer(loop.Model.Weights, options.ChatTemplate);
        preparer = new PromptPreparer(options, Capabilities, renderer);
    }

    /// <summary>The options the engine was loaded with.</summary>
    public EngineOptions Options { get; }

    /// <summary>What the loaded model can take.</summary>
    public EngineCapabilities Capabilities { get; }

    /// <summary>Requests waiting for a free sequence.</summary>
    public int QueueDepth => loop.QueueDepth;

    /// <summary>Requests decoding now.</summary>
    public int ActiveSequences => loop.ActiveSequences;

    /// <summary>Hits and misses of the media and prefix caches since loading.</summary>
    public Caching.CacheStatistics CacheStatistics => loop.CacheStatistics;

    /// <summary>Loads the model and projector and starts the engine's inference thread.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="Errors.ModelLoadException">A file is missing or cannot be loaded; the message names it and why.</exception>
    /// <exception cref="Hub.HubException">A hub model (<c>owner/repo[:quant]</c>) could not be found, downloaded or verified.</exception>
    public static async Task<MultimodalEngine> LoadAsync(EngineOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MultimodalEngine>();
        await Loading.HubModelPaths.ResolveAsync(options, logger, cancellationToken).ConfigureAwait(false);
        NativeLog.Initialize(logger);
        var loop = await InferenceLoop.StartAsync(options, logger).ConfigureAwait(false);
        return new MultimodalEngine(options, loop);
    }

    /// <summary>
    /// Streams the answer to a raw prompt with media markers (<see cref="MultimodalPrompt.MediaMarker"/>).
    /// The last update carries the finish reason and token usage.
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">Bad media, marker/media mismatch, a prompt too long for the context, bad sampling values.</exception>
    /// <exception cref="Errors.EngineBusyException">The request queue is full.</exception>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(MultimodalPrompt prompt, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return RunAsync(ct => preparer.PrepareAsync(prompt, ct), sampling, waitForRoom: false, cancellationToken);
    }

    /// <summary>Streams the answer to a conversation, rendered with the model's chat template (or the configured one).</summary>
    /// <exception cref="Errors.InvalidRequestException">Bad media, no usable chat template, a prompt too long for the context, bad sampling values.</exception>
    /// <exception cref="Errors.EngineBusyException">The request queue is full.</exception>
    public IAsyncEnumerable<GenerationUpdate> ChatAsync(IReadOnlyList<ChatTurn> conversation, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return RunAsync(ct => preparer.PrepareChatAsync(conversation, ct), sampling, waitForRoom: false, cancellationToken);
    }

    /// <summary>Answers several raw prompts at once (they decode together); results come in prompt order.</summary>
    public async Task<IReadOnlyList<GenerationResult>> GenerateBatchAsync(IReadOnlyList<MultimodalPrompt> prompts, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var runs = prompts.Select(p => RunAsync(ct => preparer.PrepareAsync(p, ct), sampling, waitForRoom: true, cancellationToken).CollectAsync(cancellationToken));
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the projector on one image or audio clip and returns its output as precomputed embeddings, to store
    /// and send later (with <see cref="EngineOptions.EnableMediaEmbeddings"/>) in place of the media.
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">Bad media, or a modality the model cannot take.</exception>
    public async Task<EmbeddingInput> EncodeAsync(MediaInput media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media is not (ImageInput or AudioInput) || media.IsReferenceOnly)
        {
            throw new ArgumentException("Only an image or an audio clip with data can be encoded.", nameof(media));
        }

        var prepared = await preparer.PrepareMediaOnlyAsync(media, cancellationToken).ConfigureAwait(false);
        var steps = await loop.RunOnLoopAsync(() => loop.Tokenizer.Resolve(prepared)).ConfigureAwait(false);
        var chunks = steps.OfType<EmbeddingStep>().ToList();
        if (chunks.Count == 0 || chunks.Any(c => c.Tokens != chunks[0].Tokens) || (media is AudioInput && prepared.AudioClips.Count > 1))
        {
            throw new Errors.InvalidRequestException("This item's projector output cannot be expressed as one embeddings tensor.", "invalid_media");
        }

        int width = loop.Model.Weights.EmbeddingSize;
        long[] shape = chunks.Count == 1 ? [chunks[0].Tokens, width] : [chunks.Count, chunks[0].Tokens, width];
        var tensor = new EmbeddingTensor(shape, chunks.SelectMany(c => c.Embeddings).ToArray());
        return media is AudioInput ? EmbeddingInput.ForAudio(tensor) : EmbeddingInput.ForImage(tensor);
    }

    /// <inheritdoc />
    public void Dispose() => loop.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<GenerationUpdate> RunAsync(
        Func<CancellationToken, Task<PreparedPrompt>> prepare, SamplingOptions? sampling, bool waitForRoom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sampling ??= new SamplingOptions();
        sampling.Validate();

        // Decoding media is CPU work (and ffmpeg): it happens here, off the inference thread.
        PreparedPrompt prompt;
        using (EngineTelemetry.Source.StartActivity("localmm.media_decode"))
        {
            prompt = await prepare(cancellationToken).ConfigureAwait(false);
        }

        // The loop's stages are recorded once it reports their timings, under the caller's activity.
        var parent = Activity.Current?.Context ?? default;
        var submitted = DateTimeOffset.UtcNow;
        var request = new EngineRequest(prompt, sampling, cancellationToken);
        if (waitForRoom)
        {
            await loop.EnqueueWaitingAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            loop.Enqueue(request);
        }

        try
        {
            await foreach (var update in request.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Updates already buffered when the caller cancels are not handed out.
                cancellationToken.ThrowIfCancellationRequested();
                if (update.Timings is { } timings && update.Usage is { } usage)
                {
                    EngineTelemetry.RecordStages(parent, submitted, timings, usage);
                }

                yield return update;
            }
        }
        finally
        {
            // A reader that stops early (break, dispose, cancel) frees its sequence at the loop's next step.
            request.Abandon();
        }
    }

    private static EngineCapabilities DescribeCapabilities(EngineOptions options, InferenceLoop loop)
    {
        var projector = loop.Model.Projector;
        var modalities = new HashSet<MediaModality>();
        if (projector?.SupportsVision == true)
        {
            modalities.Add(MediaModality.Image);
            modalities.Add(MediaModality.Video);
        }

        if (projector?.SupportsAudio == true)
        {
            modalities.Add(MediaModality.Audio);
        }

        string name = loop.Model.Weights.Metadata.TryGetValue("general.name", out var n) && !string.IsNullOrWhiteSpace(n)
            ? n
            : Path.GetFileNameWithoutExtension(options.ModelPath);
        return new EngineCapabilities(
            name,
            modalities,
            options.ContextSize,
            options.MaxConcurrentSequences,
            projector?.SupportsAudio == true ? projector.SampleRate : 0,
            new Dictionary<MediaModality, int>(options.LimitPerPrompt));
    }
}
