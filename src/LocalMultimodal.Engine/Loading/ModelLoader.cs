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
        if (options.ProjectorPath is not null)
        {
            RequireFile(options.ProjectorPath);

            // Some malformed projectors abort the process inside the native loader: refuse them first.
            imageSize = (int)(ProjectorValidator.Validate(options.ProjectorPath).GetUInt32("clip.vision.image_size") ?? 0);
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
                    projector = Capture(projectorPath, () => MtmdWeights.LoadFromFile(projectorPath, weights, mtmdParams));
                    if (projector.UsesMRope)
                    {
                        // Media embeddings are decoded with one position per token; M-RoPE needs four.
                        projector.Dispose();
                        throw new ModelLoadException(projectorPath, "it uses M-RoPE positions (the Qwen2-VL family), which this engine does not support yet");
                    }
                }

                return new LoadedModel(weights, context, projector, imageSize);
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
