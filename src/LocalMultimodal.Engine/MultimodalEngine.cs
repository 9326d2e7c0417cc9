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
    private readonly InferenceLoop _loop;
    private readonly PromptPreparer _preparer;
    private readonly ChatTemplateRenderer _renderer;
    private readonly ILogger _logger;

    private MultimodalEngine(EngineOptions options, InferenceLoop loop, ILogger logger)
    {
        Options = options;
        _loop = loop;
        _logger = logger;
        Capabilities = DescribeCapabilities(options, loop);
        _renderer = new ChatTemplateRenderer(loop.Model.Weights, options.ChatTemplate);
        _preparer = new PromptPreparer(options, Capabilities, _renderer, loop.Model.DynamicResizeFactor);
    }

    /// <summary>The options the engine was loaded with.</summary>
    public EngineOptions Options { get; }

    /// <summary>What the loaded model can take.</summary>
    public EngineCapabilities Capabilities { get; }

    /// <summary>Requests waiting for a free sequence.</summary>
    public int QueueDepth => _loop.QueueDepth;

    /// <summary>Requests decoding now.</summary>
    public int ActiveSequences => _loop.ActiveSequences;

    /// <summary>Hits and misses of the media and prefix caches since loading.</summary>
    public Caching.CacheStatistics CacheStatistics => _loop.CacheStatistics;

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
        return new MultimodalEngine(options, loop, logger);
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
        return RunAsync(ct => _preparer.PrepareAsync(prompt, ct), sampling, waitForRoom: false, cancellationToken);
    }

    /// <summary>Streams the answer to a conversation, rendered with the model's chat template (or the configured one).</summary>
    /// <exception cref="Errors.InvalidRequestException">Bad media, no usable chat template, a prompt too long for the context, bad sampling values.</exception>
    /// <exception cref="Errors.EngineBusyException">The request queue is full.</exception>
    public IAsyncEnumerable<GenerationUpdate> ChatAsync(IReadOnlyList<ChatTurn> conversation, SamplingOptions? sampling = null, CancellationToken cancellationToken = default) =>
        ChatAsync(conversation, sampling, template: null, cancellationToken);

    /// <summary>
    /// Streams the answer to a conversation, rendered with the model's chat template (or the configured one) and
    /// <paramref name="template"/>'s tools and template options (<c>chat_template_kwargs</c>).
    /// </summary>
    /// <remarks>
    /// With <see cref="ChatTemplateOptions.Tools"/> (and any <see cref="ChatTemplateOptions.ToolChoice"/> but none), the
    /// answer is parsed for calls in the format the template writes (Hermes/Qwen <c>&lt;tool_call&gt;</c>, Mistral
    /// <c>[TOOL_CALLS]</c>, Llama 3 JSON; templates that do not take tools get them described in the system turn and
    /// answer in a generic JSON format). Text before a call streams as text; a call arrives whole in
    /// <see cref="GenerationUpdate.ToolCalls"/> once it closes, held to its tool's parameter schema by a grammar, and
    /// the stream ends with <see cref="FinishReason.ToolCalls"/>. In auto mode the grammar waits for the format's
    /// opening; required and named choices constrain from the first token.
    /// </remarks>
    /// <exception cref="Errors.InvalidRequestException">Bad media, no usable chat template, a template that refuses the conversation, a prompt too long for the context, bad sampling values, malformed tools, an unknown tool choice, a tool result without its call.</exception>
    /// <exception cref="Errors.EngineBusyException">The request queue is full.</exception>
    public IAsyncEnumerable<GenerationUpdate> ChatAsync(IReadOnlyList<ChatTurn> conversation, SamplingOptions? sampling, ChatTemplateOptions? template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var plan = Tools.ToolCallPlan.Create(conversation, template, sampling, _renderer.ToolFormat, _renderer.TakesTools, IsOneToken, SchemaToGbnf);
        var updates = RunAsync(ct => _preparer.PrepareChatAsync(plan.Conversation, plan.Template, ct), WithGrammar(sampling, plan.Grammar), waitForRoom: false, cancellationToken);
        return plan.Format is null ? updates : Tools.ToolCallStream.SplitAsync(updates, plan.Format, _logger, cancellationToken);
    }

    /// <summary>The JSON-schema converter's GBNF for a call object (start rule <c>root</c>).</summary>
    private static string SchemaToGbnf(System.Text.Json.Nodes.JsonObject schema) =>
        GrammarConstraint.ForJsonSchema(System.Text.Json.JsonSerializer.SerializeToElement(schema)).Grammar;

    /// <summary>The caller's sampling (never changed) with the tool grammar, in a copy.</summary>
    private static SamplingOptions? WithGrammar(SamplingOptions? sampling, Tools.ToolGrammarSpec? grammar)
    {
        if (grammar is null)
        {
            return sampling;
        }

        sampling ??= new SamplingOptions();
        return new SamplingOptions
        {
            MaxTokens = sampling.MaxTokens,
            Temperature = sampling.Temperature,
            TopP = sampling.TopP,
            TopK = sampling.TopK,
            MinP = sampling.MinP,
            Seed = sampling.Seed,
            RepetitionPenalty = sampling.RepetitionPenalty,
            FrequencyPenalty = sampling.FrequencyPenalty,
            PresencePenalty = sampling.PresencePenalty,
            PenaltyLastN = sampling.PenaltyLastN,
            StopSequences = sampling.StopSequences,
            IgnoreEndOfSequence = sampling.IgnoreEndOfSequence,
            Grammar = new GrammarConstraint(grammar.Gbnf) { TriggerTokens = grammar.TriggerTokens, TriggerPatterns = grammar.TriggerPatterns },
        };
    }

    private bool IsOneToken(string text) => _loop.Model.Weights.Tokenize(text, add_bos: false, special: true, System.Text.Encoding.UTF8).Length == 1;

    /// <summary>
    /// The prompt text <see cref="ChatAsync(IReadOnlyList{ChatTurn}, SamplingOptions?, ChatTemplateOptions?, CancellationToken)"/>
    /// tokenizes for <paramref name="conversation"/>, with the generation prompt added and
    /// <see cref="MultimodalPrompt.MediaMarker"/> where media stand (llama-server's <c>/apply-template</c>).
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">No usable chat template, or the template refuses the conversation.</exception>
    public string ApplyChatTemplate(IReadOnlyList<ChatTurn> conversation, ChatTemplateOptions? template = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);

        // As a chat renders it: with tools described in the system turn where the template takes none.
        var plan = Tools.ToolCallPlan.Create(conversation, template, sampling: null, _renderer.ToolFormat, _renderer.TakesTools, IsOneToken, SchemaToGbnf);
        return _renderer.RenderText(plan.Conversation, plan.Template);
    }

    /// <summary>Tokenizes text with the model's vocabulary.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addSpecial">Add the BOS (and EOS) the model's tokenizer adds to a prompt.</param>
    /// <param name="parseSpecial">Read special-token text (such as <c>&lt;|im_start|&gt;</c>) as those tokens.</param>
    public IReadOnlyList<int> Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _loop.Model.Weights.Tokenize(text, addSpecial, parseSpecial, System.Text.Encoding.UTF8).Select(t => (int)t)];
    }

    /// <summary>The text of <paramref name="tokens"/>, special tokens included.</summary>
    /// <exception cref="Errors.InvalidRequestException">A token id is outside the vocabulary.</exception>
    public string Detokenize(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var decoder = new LLama.StreamingTokenDecoder(System.Text.Encoding.UTF8, _loop.Model.Weights) { DecodeSpecialTokens = true };
        foreach (int token in tokens)
        {
            decoder.Add(CheckToken(token));
        }

        return decoder.Read();
    }

    /// <summary>The bytes of one token's piece (a piece may be part of a UTF-8 character).</summary>
    /// <exception cref="Errors.InvalidRequestException">The token id is outside the vocabulary.</exception>
    public byte[] TokenPiece(int token)
    {
        var weights = _loop.Model.Weights;
        Span<byte> buffer = stackalloc byte[256];
        int length = (int)weights.NativeHandle.TokenToSpan(CheckToken(token), buffer, 0, special: true);
        return buffer[..Math.Min(length, buffer.Length)].ToArray();
    }

    private int CheckToken(int token)
    {
        int count = _loop.Model.Weights.Vocab.Count;
        return token >= 0 && token < count
            ? token
            : throw new Errors.InvalidRequestException($"Token id {token} is outside the vocabulary (0 to {count - 1}).", "invalid_token") { Param = "tokens" };
    }

    /// <summary>Answers several raw prompts at once (they decode together); results come in prompt order.</summary>
    public async Task<IReadOnlyList<GenerationResult>> GenerateBatchAsync(IReadOnlyList<MultimodalPrompt> prompts, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var runs = prompts.Select(p => RunAsync(ct => _preparer.PrepareAsync(p, ct), sampling, waitForRoom: true, cancellationToken).CollectAsync(cancellationToken));
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the projector on one image or audio clip and returns its output as precomputed embeddings, to store
    /// and send later (with <see cref="EngineOptions.EnableMediaEmbeddings"/>) in place of the media. An image on a
    /// Qwen-VL projector comes with its <see cref="EmbeddingInput.Grid"/> (<c>image_grid_thw</c>).
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">Bad media, or a modality the model cannot take.</exception>
    public async Task<EmbeddingInput> EncodeAsync(MediaInput media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media is not (ImageInput or AudioInput) || media.IsReferenceOnly)
        {
            throw new ArgumentException("Only an image or an audio clip with data can be encoded.", nameof(media));
        }

        var prepared = await _preparer.PrepareMediaOnlyAsync(media, cancellationToken).ConfigureAwait(false);
        var steps = await _loop.RunOnLoopAsync(() => _loop.Tokenizer.Resolve(prepared)).ConfigureAwait(false);
        var chunks = steps.OfType<EmbeddingStep>().ToList();
        if (chunks.Count == 0 || chunks.Any(c => c.Tokens != chunks[0].Tokens) || (media is AudioInput && prepared.AudioClips.Count > 1))
        {
            throw new Errors.InvalidRequestException("This item's projector output cannot be expressed as one embeddings tensor.", "invalid_media");
        }

        int width = _loop.Model.Weights.EmbeddingSize;
        long[] shape = chunks.Count == 1 ? [chunks[0].Tokens, width] : [chunks.Count, chunks[0].Tokens, width];
        var tensor = new EmbeddingTensor(shape, chunks.SelectMany(c => c.Embeddings).ToArray());
        if (media is AudioInput)
        {
            return EmbeddingInput.ForAudio(tensor);
        }

        // A Qwen-VL image comes with its grid in patches before the merge, as image_grid_thw, so it can be sent back.
        var image = EmbeddingInput.ForImage(tensor);
        int merge = _loop.Model.SpatialMerge;
        return chunks is [{ Layout.IsGrid: true } chunk]
            ? image.WithGrid(1, chunk.Layout.GridHeight * merge, chunk.Layout.GridWidth * merge)
            : image;
    }

    /// <inheritdoc />
    public void Dispose() => _loop.Dispose();

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

        // The grammar is parsed here, before any media work or decode, so a bad one fails this request alone.
        var grammar = sampling.Grammar is { } constraint ? GrammarSampler.Create(constraint, _loop.Model.Weights) : null;

        // Decoding media is CPU work (and ffmpeg): it happens here, off the inference thread.
        PreparedPrompt prompt;
        try
        {
            using (EngineTelemetry.Source.StartActivity("localmm.media_decode"))
            {
                prompt = await prepare(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            grammar?.Dispose();
            throw;
        }

        // The loop's stages are recorded once it reports their timings, under the caller's activity.
        var parent = Activity.Current?.Context ?? default;
        var submitted = DateTimeOffset.UtcNow;
        var request = new EngineRequest(prompt, sampling, cancellationToken, grammar);
        if (waitForRoom)
        {
            await _loop.EnqueueWaitingAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _loop.Enqueue(request);
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
