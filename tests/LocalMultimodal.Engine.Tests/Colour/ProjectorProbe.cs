using LLama;
using LLama.Common;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// Runs a colour projector alone through libmtmd (<c>mtmd_encode_chunk</c>) and returns what it hands the LLM,
/// so the projector's arithmetic can be checked independently of the LLM's decisions.
/// </summary>
internal sealed class ProjectorProbe : IDisposable
{
    private readonly LLamaWeights _llm;
    private readonly MtmdWeights _projector;

    public ProjectorProbe(string llmPath, string projectorPath)
    {
        _llm = LLamaWeights.LoadFromFile(new ModelParams(llmPath) { GpuLayerCount = 0 });
        MtmdContextParams parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = 2;
        _projector = MtmdWeights.LoadFromFile(projectorPath, _llm, parameters);
    }

    /// <summary>
    /// The projector output of the embed's media chunks (audio comes in two), one row of n_embd floats per token.
    /// </summary>
    public unsafe float[][] Encode(SafeMtmdEmbed embed)
    {
        using (embed)
        {
            int status = _projector.Tokenize(NativeApi.MtmdDefaultMarker()!, addSpecial: false, parseSpecial: true, [embed], out SafeMtmdInputChunks? chunks);
            Assert.Equal(0, status);
            Assert.NotNull(chunks);
            var rows = new List<float[]>();
            using (chunks)
            {
                foreach (SafeMtmdInputChunk chunk in chunks.Enumerate())
                {
                    using (chunk)
                    {
                        if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
                        {
                            continue;
                        }

                        Assert.Equal(0, MtmdExports.EncodeChunk(_projector.NativeHandle, chunk.NativePtr));
                        float* output = MtmdExports.OutputEmbeddings(_projector.NativeHandle);
                        int width = _llm.EmbeddingSize;
                        for (int token = 0; token < (int)chunk.NTokens; token++)
                        {
                            rows.Add(new ReadOnlySpan<float>(output + (token * width), width).ToArray());
                        }
                    }
                }
            }

            return rows.ToArray();
        }
    }

    public void Dispose()
    {
        _projector.Dispose();
        _llm.Dispose();
    }
}
