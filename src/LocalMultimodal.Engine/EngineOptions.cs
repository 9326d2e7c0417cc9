using LocalMultimodal.Media;

namespace LocalMultimodal;

/// <summary>How to load a model and run it. Plain options, bindable from configuration.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// The language model: a GGUF file, or a model on a Hugging Face–compatible hub as <c>owner/repo[:quant]</c>
    /// (see <see cref="Hub.ModelReference.IsPath"/> for how the two are told apart). A hub model is downloaded
    /// into the Hugging Face cache (or found there) when the engine loads, with its projector unless
    /// <see cref="ProjectorPath"/> is set; the engine's <see cref="MultimodalEngine.Options"/> then hold the files' paths.
    /// </summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Path of the multimodal projector GGUF file (<c>mmproj</c>); null for a text-only model, or the hub repository's own.</summary>
    public string? ProjectorPath { get; set; }

    /// <summary>Where hub models come from and are cached; unset values come from <c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>, <c>HF_HUB_CACHE</c>, <c>HF_HUB_OFFLINE</c>.</summary>
    public Hub.HubOptions Hub { get; set; } = new();

    /// <summary>Context length of each sequence, in tokens (prompt, media and output together).</summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>CPU threads for decoding and encoding.</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Layers offloaded to the GPU; 0 runs everything on the CPU (the CPU build's only choice).</summary>
    public int GpuLayers { get; set; }

    /// <summary>How many requests decode at once (continuous batching); the rest wait in the queue.</summary>
    public int MaxConcurrentSequences { get; set; } = 4;

    /// <summary>How many requests may wait for a sequence before new ones are refused as busy.</summary>
    public int MaxQueuedRequests { get; set; } = 64;

    /// <summary>
    /// Prompt positions decoded per step across all sequences (vLLM's <c>max_num_batched_tokens</c>): long
    /// prompts are prefilled in pieces of this size, so the other sequences keep streaming.
    /// </summary>
    public int StepTokenBudget { get; set; } = 512;

    /// <summary>
    /// Fewest tokens an image may take with a dynamic-resolution projector (the Qwen-VL family): smaller images are
    /// resized up to it. 0: the projector's own minimum. Fixed-size projectors ignore it (llama-server's
    /// <c>--image-min-tokens</c>).
    /// </summary>
    public int ImageMinTokens { get; set; }

    /// <summary>
    /// Most tokens an image may take with a dynamic-resolution projector: larger images are resized down to it.
    /// 0: the projector's own maximum. Fixed-size projectors ignore it (llama-server's <c>--image-max-tokens</c>).
    /// </summary>
    public int ImageMaxTokens { get; set; }

    /// <summary>Bytes of projector output kept for repeated media (keyed by uuid or content); 0 disables the media cache.</summary>
    public long MediaCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How many media uuids the engine remembers (least recently used out first), so a later request may send
    /// an item by its uuid alone; each entry holds the item's layout, not its encoding.
    /// </summary>
    public int UuidIndexCapacity { get; set; } = 10_000;

    /// <summary>Reuse the KV of a live or recently finished sequence whose prompt begins the same way.</summary>
    public bool EnablePrefixCaching { get; set; } = true;

    /// <summary>
    /// A chat template to use instead of the model's own: a template name llama.cpp knows (such as <c>chatml</c>,
    /// <c>llama3</c>, <c>gemma</c>), the path of a template file, or Jinja template text. Jinja text is rendered by
    /// the engine's Jinja engine; text that does not parse falls back to llama.cpp's built-in template it resembles.
    /// </summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Accept precomputed media embeddings (<see cref="Media.EmbeddingInput"/>; vLLM's <c>enable_mm_embeds</c>). Off by default.</summary>
    public bool EnableMediaEmbeddings { get; set; }

    /// <summary>How media are prepared, per modality (vLLM's <c>media_io_kwargs</c>).</summary>
    public MediaOptions Media { get; set; } = new();

    /// <summary>The most media items of each modality one prompt may hold (vLLM's <c>limit_mm_per_prompt</c>); absent means no limit.</summary>
    public IDictionary<MediaModality, int> LimitPerPrompt { get; set; } = new Dictionary<MediaModality, int>();

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first wrong one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("EngineOptions.ModelPath must name the model's GGUF file.", nameof(ModelPath));
        }

        Require(ContextSize >= 64, nameof(ContextSize), "must be at least 64");
        Require(Threads >= 1, nameof(Threads), "must be at least 1");
        Require(GpuLayers >= 0, nameof(GpuLayers), "must not be negative");
        Require(MaxConcurrentSequences is >= 1 and <= 256, nameof(MaxConcurrentSequences), "must be from 1 to 256");
        Require(MaxQueuedRequests >= 1, nameof(MaxQueuedRequests), "must be at least 1");
        Require(StepTokenBudget is >= 16 and <= 65_536, nameof(StepTokenBudget), "must be from 16 to 65536");
        Require(ImageMinTokens is >= 0 and <= 65_536, nameof(ImageMinTokens), "must be from 0 to 65536");
        Require(ImageMaxTokens is >= 0 and <= 65_536, nameof(ImageMaxTokens), "must be from 0 to 65536");
        Require(ImageMaxTokens == 0 || ImageMaxTokens >= ImageMinTokens, nameof(ImageMaxTokens), "must not be below ImageMinTokens");
        Require(MediaCacheBytes >= 0, nameof(MediaCacheBytes), "must not be negative");
        Require(UuidIndexCapacity is >= 1 and <= 10_000_000, nameof(UuidIndexCapacity), "must be from 1 to 10000000");
        foreach (var (modality, limit) in LimitPerPrompt)
        {
            Require(limit >= 0, nameof(LimitPerPrompt), $"for {modality} must not be negative");
        }
    }

    private static void Require(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"EngineOptions.{name} {rule}.", name);
        }
    }
}
