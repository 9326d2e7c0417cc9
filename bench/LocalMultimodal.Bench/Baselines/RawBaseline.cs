using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;

namespace LocalMultimodal.Bench.Baselines;

/// <summary>
/// The ceiling: a hand-written loop of LLamaSharp native calls on the engine's model settings
/// (per-sequence KV, the same batch sizes and threads). Libmtmd's helper encodes and prefills each prompt
/// chunk; greedy decoding follows, one sequence alone or all sequences in one batch per step. On an M-RoPE
/// (<c>qwen2vl</c>) pair the helper lays out the image's grid positions and the position after it; text takes one
/// position per token, which llama.cpp copies to every axis.
/// Create, use and dispose it on one <see cref="DedicatedThread"/>.
/// </summary>
internal sealed class RawBaseline : IBaseline
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly MtmdWeights _projector;
    private readonly int _batchSize;
    private readonly int _imageSize;
    private readonly string _prompt;

    public RawBaseline(string llm, string mmproj, int imageSize, int contextPerSequence, int sequences, int threads)
    {
        var parameters = new ModelParams(llm)
        {
            ContextSize = (uint)(contextPerSequence * sequences),
            SeqMax = (uint)sequences,
            KVUnified = false,
            GpuLayerCount = 0,
            Threads = threads,
            BatchThreads = threads,
            BatchSize = 2048,
            UBatchSize = 1024,
        };
        _weights = LLamaWeights.LoadFromFile(parameters);
        _context = _weights.CreateContext(parameters);
        var mtmdParameters = MtmdContextParams.Default();
        mtmdParameters.UseGpu = false;
        mtmdParameters.NThreads = threads;
        mtmdParameters.PrintTimings = false;
        _projector = MtmdWeights.LoadFromFile(mmproj, _weights, mtmdParameters);
        _batchSize = (int)parameters.BatchSize;
        _imageSize = imageSize;
        _prompt = BenchPrompt.Text(NativeApi.MtmdDefaultMarker() ?? "<__media__>");
    }

    /// <summary>Prefills each image prompt in turn (sampling its first token), then decodes all of them together.</summary>
    public IReadOnlyList<RawRequest> Run(IReadOnlyList<byte[]> images, int outputTokens)
    {
        _context.NativeHandle.MemoryClear();
        int n = images.Count;
        var samplers = new SafeLLamaSamplerChainHandle[n];
        var positions = new int[n];
        var tokens = new List<int>[n];
        var firstMs = new double[n];
        var doneMs = new double[n];
        long start = Stopwatch.GetTimestamp();
        try
        {
            for (int s = 0; s < n; s++)
            {
                samplers[s] = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
                samplers[s].AddGreedySampler();
                positions[s] = Prefill(images[s], s);
                tokens[s] = [(int)samplers[s].Sample(_context.NativeHandle, -1)];
                firstMs[s] = doneMs[s] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            var batch = new LLamaBatch();
            for (int step = 1; step < outputTokens; step++)
            {
                batch.Clear();
                for (int s = 0; s < n; s++)
                {
                    batch.Add(tokens[s][^1], positions[s]++, (LLamaSeqId)s, true);
                }

                Check(_context.Decode(batch));
                for (int s = 0; s < n; s++)
                {
                    tokens[s].Add((int)samplers[s].Sample(_context.NativeHandle, s));
                }
            }

            double end = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return [.. Enumerable.Range(0, n).Select(s => new RawRequest(firstMs[s], outputTokens > 1 ? end : doneMs[s], tokens[s].Count, tokens[s]))];
        }
        finally
        {
            foreach (var sampler in samplers)
            {
                sampler?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _projector.Dispose();
        _context.Dispose();
        _weights.Dispose();
    }

    /// <summary>Encodes the image and decodes the prompt's chunks into sequence <paramref name="sequence"/>; returns the next position.</summary>
    private int Prefill(byte[] rgb, int sequence)
    {
        using var embed = SafeMtmdEmbed.FromRgbBytes((uint)_imageSize, (uint)_imageSize, rgb)
            ?? throw new InvalidOperationException("libmtmd refused the image.");
        int status = _projector.Tokenize(_prompt, addSpecial: true, parseSpecial: true, [embed], out SafeMtmdInputChunks? tokenized);
        using SafeMtmdInputChunks chunks = status == 0 && tokenized is not null
            ? tokenized
            : throw new InvalidOperationException($"libmtmd could not tokenize the prompt ({status}).");

        // Libmtmd's helper encodes and decodes every chunk but the prompt's text tail.
        int position = 0;
        ulong last = chunks.Size - 1;
        for (ulong i = 0; i < last; i++)
        {
            using var chunk = Chunk(chunks, i);
            int rc = _projector.NativeHandle.EvaluateChunk(chunk.NativePtr, _context.NativeHandle, ref position, sequence, _batchSize, false);
            if (rc != 0)
            {
                throw new InvalidOperationException($"mtmd_helper_eval_chunk_single failed ({rc}).");
            }
        }

        // LLamaSharp 0.30.0's Tokenize counts the string's terminating NUL as text, so the tail ends in a stray
        // <0x00> byte token that the engine's prompt does not have: decode the tail without it.
        using var tail = Chunk(chunks, last);
        if (tail.Type != SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
        {
            throw new InvalidOperationException("The bench prompt must end in text.");
        }

        var tokens = tail.GetTextTokensSpan().ToArray();
        var batch = new LLamaBatch();
        for (int t = 0; t < tokens.Length - 1; t++)
        {
            batch.Add((LLamaToken)tokens[t], position++, (LLamaSeqId)sequence, t == tokens.Length - 2);
        }

        Check(_context.Decode(batch));
        return position;
    }

    private static SafeMtmdInputChunk Chunk(SafeMtmdInputChunks chunks, ulong index) =>
        SafeMtmdInputChunk.Wrap(chunks.GetChunkPtr(index)) ?? throw new InvalidOperationException("libmtmd returned no chunk at a valid index.");

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed ({result}).");
        }
    }
}
