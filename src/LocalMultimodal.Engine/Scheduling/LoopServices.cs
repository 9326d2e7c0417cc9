using LocalMultimodal.Caching;
using LocalMultimodal.Loading;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// What the inference loop works with, built on the loop thread when it starts: the loaded model, the
/// prompt tokenizer with its media cache and uuid index, the slot table over the model's KV memory, and
/// the admission and batch executor over those. Capacities come from <see cref="EngineOptions"/>.
/// </summary>
internal sealed class LoopServices : IDisposable
{
    private LoopServices(LoadedModel model, PromptTokenizer tokenizer, SlotTable<Sequence> slots, Admission admission, BatchExecutor executor)
    {
        Model = model;
        Tokenizer = tokenizer;
        Slots = slots;
        Admission = admission;
        Executor = executor;
    }

    public LoadedModel Model { get; }

    public PromptTokenizer Tokenizer { get; }

    public SlotTable<Sequence> Slots { get; }

    public Admission Admission { get; }

    public BatchExecutor Executor { get; }

    /// <summary>Loads the model and builds the rest; on the loop thread, as every native call must be.</summary>
    public static LoopServices Create(EngineOptions options, CacheCounters counters, ILogger logger)
    {
        var model = ModelLoader.Load(options);
        try
        {
            var cache = new MediaEncodingCache(options.MediaCacheBytes, counters);
            var tokenizer = new PromptTokenizer(model, cache, new UuidIndex(options.UuidIndexCapacity), counters, options.EnablePrefixCaching);
            var slots = new SlotTable<Sequence>(options.MaxConcurrentSequences, new LlamaKvMemory(model.Context.NativeHandle), options.EnablePrefixCaching);
            var admission = new Admission(options, model, tokenizer, slots, counters, logger);
            return new LoopServices(model, tokenizer, slots, admission, new BatchExecutor(model, slots));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Executor.Dispose();
        Model.Dispose();
    }
}
