using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using LocalMultimodal.Errors;
using LocalMultimodal.Native;

namespace LocalMultimodal.Loading;

/// <summary>
/// Loads a model and its projector, turning every failure into a <see cref="ModelLoadException"/> that
/// names the file and gives llama.cpp's reason (which it only writes to its log).
/// </summary>
internal static class ModelLoader
{
    /// <summary>Positions a single prefill call may hand to llama_decode; larger prompts are split.</summary>
    public const int BatchSize = 2048;

    /// <summary>Positions llama.cpp computes at once; a non-causal media chunk must fit in one.</summary>
    public const int MicroBatchSize = 1024;

    public static LoadedModel Load(EngineOptions options)
    {
        RequireFile(options.ModelPath);
        ModelValidator.Validate(options.ModelPath);
        int imageSize = 0;
        int resizeFactor = 0;
        int spatialMerge = 0;
        string? visionType = null;
        if (options.ProjectorPath is not null)
        {
            RequireFile(options.ProjectorPath);

            // Some malformed projectors abort the process inside the native loader: refuse them first.
            var header = ProjectorValidator.Validate(options.ProjectorPath);
            imageSize = (int)(header.GetUInt32("clip.vision.image_size") ?? 0);
            visionType = header.GetBool("clip.has_vision_encoder") == true
                ? header.GetString("clip.vision.projector_type") ?? header.GetString("clip.projector_type")
                : null;
            uint? merge = header.GetUInt32("clip.vision.spatial_merge_size");
            resizeFactor = DynamicResizeFactor(visionType, header.GetUInt32("clip.vision.patch_size"), merge);
            spatialMerge = resizeFactor > 0 ? (int)(merge is > 0 ? merge.Value : DefaultSpatialMerge) : 0;
        }

        var parameters = new ModelParams(options.ModelPath)
        {
            ContextSize = (uint)(options.ContextSize * options.MaxConcurrentSequences),
            SeqMax = (uint)options.MaxConcurrentSequences,
            // One KV region per sequence: each sequence gets its full ContextSize, and batched decoding is
            // faster because a token attends only to its own sequence's cells.
            KVUnified = false,
            GpuLayerCount = options.GpuLayers,
            Threads = options.Threads,
            BatchThreads = options.Threads,
            BatchSize = BatchSize,
            UBatchSize = MicroBatchSize,
        };

        var weights = Capture(options.ModelPath, () => LLamaWeights.LoadFromFile(parameters));
        try
        {
            var context = Capture(options.ModelPath, () => weights.CreateContext(parameters));
            if (context.NativeHandle.IsInvalid)
            {
                // LLamaSharp returns an invalid handle instead of throwing when llama_init_from_model fails.
                context.Dispose();
                throw new ModelLoadException(options.ModelPath, "llama.cpp could not create a context with these settings");
            }

            MtmdWeights? projector = null;
            try
            {
                if (options.ProjectorPath is { } projectorPath)
                {
                    var mtmdParams = MtmdContextParams.Default();
                    mtmdParams.UseGpu = options.GpuLayers > 0;
                    mtmdParams.NThreads = options.Threads;
                    mtmdParams.PrintTimings = false;
                    if (options.ImageMinTokens > 0)
                    {
                        mtmdParams.ImageMinTokens = options.ImageMinTokens;
                    }

                    if (options.ImageMaxTokens > 0)
                    {
                        mtmdParams.ImageMaxTokens = options.ImageMaxTokens;
                    }

                    projector = Capture(projectorPath, () => MtmdWeights.LoadFromFile(projectorPath, weights, mtmdParams));
                    CheckPositionsAgree(options.ModelPath, projectorPath, weights, projector, visionType);
                }

                return new LoadedModel(weights, context, projector, imageSize, resizeFactor, spatialMerge);
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A Qwen-VL projector's images are meant for M-RoPE (a grid of positions, fewer positions than tokens), and
    /// an M-RoPE LLM expects its media laid out so. libmtmd decides M-RoPE from the LLM alone and pairs any
    /// projector with any LLM of the right width, so a mixed pair would load and answer garbage. So both must be
    /// of the family, or neither.
    /// </summary>
    private static void CheckPositionsAgree(string modelPath, string projectorPath, LLamaWeights weights, MtmdWeights projector, string? visionType)
    {
        // llama_rope_type: M-RoPE is 8, interleaved M-RoPE (Qwen3-VL) 40; both have bit 8.
        bool llmMRope = ((int)weights.NativeHandle.RopeType & MRopeBit) != 0;
        bool projectorMRope = visionType is not null && MRopeProjectors.Contains(visionType);
        if (visionType is null || projectorMRope == llmMRope)
        {
            return;
        }

        projector.Dispose();
        throw projectorMRope
            ? new ModelLoadException(projectorPath, $"this projector positions media with M-RoPE (the Qwen2-VL family), but the LLM '{Path.GetFileName(modelPath)}' does not use M-RoPE; load it with its own LLM (e.g. a qwen2vl model)")
            : new ModelLoadException(projectorPath, $"the LLM '{Path.GetFileName(modelPath)}' uses M-RoPE positions (the Qwen2-VL family), but this projector does not lay media out for them; load the LLM's own projector");
    }

    private const int MRopeBit = 8;

    /// <summary>clip.cpp's spatial merge for the Qwen-VL family when the projector does not state one.</summary>
    private const uint DefaultSpatialMerge = 2;

    /// <summary>
    /// The side in pixels of one image token for a dynamic-resolution projector (patch size × spatial merge, which
    /// clip.cpp defaults to 2 for the Qwen-VL family), or 0 for a fixed-size projector, whose input size is set.
    /// </summary>
    private static int DynamicResizeFactor(string? visionType, uint? patchSize, uint? mergeSize) =>
        visionType is not null && MRopeProjectors.Contains(visionType) && patchSize is > 0
            ? (int)(patchSize.Value * (mergeSize is > 0 ? mergeSize.Value : DefaultSpatialMerge))
            : 0;

    /// <summary>Vision projector types whose image tokens clip.cpp lays out on an M-RoPE grid (the Qwen-VL family).</summary>
    private static readonly HashSet<string> MRopeProjectors = new(["qwen2vl_merger", "qwen2.5vl_merger", "qwen3vl_merger", "qwen2.5o"], StringComparer.Ordinal);

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "the file does not exist");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new ModelLoadException(path, "the file is empty");
        }
    }

    private static T Capture<T>(string path, Func<T> load)
    {
        NativeLog.BeginCapture();
        try
        {
            return load();
        }
        catch (Exception e) when (e is LoadWeightsFailedException or RuntimeError or InvalidOperationException)
        {
            throw new ModelLoadException(path, Reason(NativeLog.EndCapture()), e);
        }
        finally
        {
            NativeLog.EndCapture();
        }
    }

    private static string Reason(IReadOnlyList<string> lines)
    {
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)
                                   || l.Contains("failed", StringComparison.OrdinalIgnoreCase)
                                   || l.Contains("mismatch", StringComparison.OrdinalIgnoreCase)
                                   || l.Contains("not found", StringComparison.OrdinalIgnoreCase)
                                   || l.Contains("unable", StringComparison.OrdinalIgnoreCase))
                          .ToList();
        var chosen = errors.Count > 0 ? errors : lines.ToList();
        return chosen.Count == 0
            ? "llama.cpp refused the file without saying why"
            : string.Join("; ", chosen.TakeLast(3).Select(StripFunctionName).Distinct());
    }

    // "llama_model_load: error loading model: x" reads better as "error loading model: x".
    private static string StripFunctionName(string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !line[..colon].Contains(' ') ? line[(colon + 2)..] : line;
    }
}
