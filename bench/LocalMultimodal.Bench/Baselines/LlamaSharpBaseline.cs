using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;

namespace LocalMultimodal.Bench.Baselines;

/// <summary>
/// What a .NET user has today: LLamaSharp's <see cref="InteractiveExecutor"/> with <see cref="MtmdWeights"/>,
/// one request after another on a context of the default (unified) layout. Images go in as files through
/// <c>LoadMedia</c>. The executor stops at <c>&lt;|im_end|&gt;</c> whatever it is told, so figures are
/// normalised by the tokens it returned. Create, use and dispose it on one <see cref="DedicatedThread"/>
/// (its own decode calls still hop to pool threads: that is part of what is measured).
/// </summary>
internal sealed class LlamaSharpBaseline : IBaseline
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly MtmdWeights _projector;
    private readonly int _imageSize;
    private readonly string _prompt;

    public LlamaSharpBaseline(string llm, string mmproj, int imageSize, int contextSize, int threads)
    {
        var parameters = new ModelParams(llm)
        {
            ContextSize = (uint)contextSize,
            GpuLayerCount = 0,
            Threads = threads,
            BatchThreads = threads,
        };
        _weights = LLamaWeights.LoadFromFile(parameters);
        _context = _weights.CreateContext(parameters);
        var mtmdParameters = MtmdContextParams.Default();
        mtmdParameters.UseGpu = false;
        mtmdParameters.NThreads = threads;
        mtmdParameters.PrintTimings = false;
        _projector = MtmdWeights.LoadFromFile(mmproj, _weights, mtmdParameters);
        _imageSize = imageSize;
        _prompt = BenchPrompt.Text(NativeApi.MtmdDefaultMarker() ?? "<__media__>");
    }

    /// <summary>Answers the image prompts one after another; times are from the start of the run.</summary>
    public IReadOnlyList<RawRequest> Run(IReadOnlyList<byte[]> images, int outputTokens)
    {
        var results = new List<RawRequest>();
        long start = Stopwatch.GetTimestamp();
        foreach (var rgb in images)
        {
            _context.NativeHandle.MemoryClear();
            var executor = new InteractiveExecutor(_context, _projector);
            executor.Embeds.Add(_projector.LoadMedia(Bmp.Encode(_imageSize, _imageSize, rgb)));
            var inference = new InferenceParams { MaxTokens = outputTokens, SamplingPipeline = new GreedySamplingPipeline() };
            double first = double.NaN;
            int count = 0;
            // One piece per generated token.
            foreach (string _ in executor.InferAsync(_prompt, inference).ToBlockingEnumerable())
            {
                if (count++ == 0)
                {
                    first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            results.Add(new RawRequest(first, Stopwatch.GetElapsedTime(start).TotalMilliseconds, count, []));
        }

        return results;
    }

    public void Dispose()
    {
        _projector.Dispose();
        _context.Dispose();
        _weights.Dispose();
    }
}
