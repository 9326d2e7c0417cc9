using System.Runtime.InteropServices;
using LLama.Native;
using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Native;

/// <summary>
/// A native <c>llama_batch</c> of embedding rows of one media chunk, for one sequence, with their positions
/// laid out as the model reads them. Without M-RoPE: one position per row. With M-RoPE, four planes of
/// positions (all t, then all y, then all x, then zeros), as libmtmd's helper writes them: an image row
/// (y, x) of its grid at (start, start + y, start + x), any other row i at start + i on the first three.
/// Buffers are unmanaged and reused from step to step; loop thread only.
/// </summary>
internal sealed unsafe class EmbeddingBatch(int width, bool mrope) : IDisposable
{
    private const int Planes = 4;

    private int _capacity;
    private float* _embeddings;
    private int* _positions;
    private int* _seqIdCounts;
    private int** _seqIds;
    private int* _seqId;
    private sbyte* _logits;

    /// <summary>
    /// Decodes <paramref name="count"/> rows of a chunk, starting at its row <paramref name="firstRow"/>;
    /// the chunk starts at position <paramref name="start"/>. Returns <c>llama_decode</c>'s result.
    /// </summary>
    public int Decode(SafeLLamaContextHandle context, ReadOnlySpan<float> chunkRows, int firstRow, int count, ChunkPositions layout, int start, LLamaSeqId sequence, bool logitsLast)
    {
        Reserve(count);
        chunkRows.Slice(firstRow * width, count * width).CopyTo(new Span<float>(_embeddings, count * width));
        *_seqId = sequence.Value;
        for (int i = 0; i < count; i++)
        {
            int row = firstRow + i;
            _seqIdCounts[i] = 1;
            _seqIds[i] = _seqId;
            _logits[i] = (sbyte)(logitsLast && i == count - 1 ? 1 : 0);
            if (!mrope)
            {
                _positions[i] = start + row;
            }
            else if (layout.IsGrid)
            {
                _positions[i] = start;
                _positions[i + count] = start + (row / layout.GridWidth);
                _positions[i + (2 * count)] = start + (row % layout.GridWidth);
                _positions[i + (3 * count)] = 0;
            }
            else
            {
                _positions[i] = _positions[i + count] = _positions[i + (2 * count)] = start + row;
                _positions[i + (3 * count)] = 0;
            }
        }

        var batch = new LlamaExports.NativeBatch
        {
            TokenCount = count,
            Embeddings = _embeddings,
            Positions = _positions,
            SequenceIdCounts = _seqIdCounts,
            SequenceIds = _seqIds,
            Logits = _logits,
        };
        return LlamaExports.Decode(context, batch);
    }

    public void Dispose()
    {
        Free();
        _capacity = 0;
    }

    private void Reserve(int count)
    {
        if (count <= _capacity)
        {
            return;
        }

        Free();
        _capacity = count;
        _embeddings = (float*)NativeMemory.Alloc((nuint)count * (nuint)width, sizeof(float));
        _positions = (int*)NativeMemory.Alloc((nuint)count * Planes, sizeof(int));
        _seqIdCounts = (int*)NativeMemory.Alloc((nuint)count, sizeof(int));
        _seqIds = (int**)NativeMemory.Alloc((nuint)count + 1, (nuint)sizeof(int*));
        _seqId = (int*)NativeMemory.Alloc(1, sizeof(int));
        _logits = (sbyte*)NativeMemory.Alloc((nuint)count, 1);
        _seqIds[count] = null;
    }

    private void Free()
    {
        NativeMemory.Free(_embeddings);
        NativeMemory.Free(_positions);
        NativeMemory.Free(_seqIdCounts);
        NativeMemory.Free(_seqIds);
        NativeMemory.Free(_seqId);
        NativeMemory.Free(_logits);
        _embeddings = null;
        _positions = null;
        _seqIdCounts = null;
        _seqIds = null;
        _seqId = null;
        _logits = null;
    }
}
