using LLama.Native;
using LocalMultimodal.Errors;
using LocalMultimodal.Loading;
using LocalMultimodal.Native;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// Carries out a <see cref="StepPlan"/>: the generating sequences' tokens and the prompt text go into one
/// native token batch; the media slice, if any, into an embeddings batch decoded after it (with causal
/// attention off for a non-causal chunk). Each unit decoded is recorded in the slot table, each sequence
/// told what it decoded, and every sequence whose logits the step produced gets its next token sampled.
/// Text rows take one position each (llama.cpp copies it to every M-RoPE axis of a token batch); media rows
/// take the positions of their chunk's layout (<see cref="EmbeddingBatch"/>).
/// </summary>
internal sealed class BatchExecutor(LoadedModel model, SlotTable<Sequence> slots) : IDisposable
{
    private readonly LLamaBatch _tokenBatch = new();
    private readonly EmbeddingBatch _embeddingBatch = new(model.Weights.EmbeddingSize, model.UsesMRope);
    private readonly List<(Sequence Sequence, int Index)> _sampleAfterTokens = [];

    public void Execute(StepPlan plan)
    {
        _tokenBatch.Clear();
        _sampleAfterTokens.Clear();
        foreach (int slot in plan.Decodes)
        {
            var sequence = slots[slot];
            _sampleAfterTokens.Add((sequence, _tokenBatch.TokenCount));
            _tokenBatch.Add(sequence.LastToken, sequence.Position, sequence.Id, true);
            slots.Record(slot, KvUnit.ForToken((int)sequence.LastToken));
            sequence.AdvanceGenerated();
        }

        foreach (var slice in plan.TokenSlices)
        {
            AddText(slots[slice.Slot], slice);
        }

        if (_tokenBatch.TokenCount > 0)
        {
            Check(model.Context.Decode(_tokenBatch));
            foreach (var (sequence, index) in _sampleAfterTokens)
            {
                sequence.Accept(sequence.Sampler.Sample(model.Context.NativeHandle, index));
            }
        }

        if (plan.Media is { } media)
        {
            var sequence = slots[media.Slot];
            int index = DecodeEmbeddings(sequence, media);
            if (media.CompletesPrompt)
            {
                sequence.Accept(sequence.Sampler.Sample(model.Context.NativeHandle, index));
            }
        }
    }

    /// <summary>Drops the native batches' buffers when the loop ends.</summary>
    public void Dispose()
    {
        _tokenBatch.Clear();
        _embeddingBatch.Dispose();
    }

    private void AddText(Sequence sequence, PromptSlice slice)
    {
        var tokens = ((TokenStep)sequence.Plan.Steps[slice.StepIndex]).Tokens;
        for (int i = 0; i < slice.Count; i++)
        {
            bool logits = slice.CompletesPrompt && i == slice.Count - 1;
            if (logits)
            {
                _sampleAfterTokens.Add((sequence, _tokenBatch.TokenCount));
            }

            var token = tokens[slice.Offset + i];
            _tokenBatch.Add(token, sequence.Position + i, sequence.Id, logits);
            slots.Record(slice.Slot, KvUnit.ForToken((int)token));
        }

        sequence.AdvancePrompt(slice.StepIndex, slice.Offset, slice.Count);
    }

    /// <summary>Decodes part of a media chunk; returns the batch index of the last row's logits.</summary>
    private int DecodeEmbeddings(Sequence sequence, PromptSlice slice)
    {
        var media = (EmbeddingStep)sequence.Plan.Steps[slice.StepIndex];
        if (media.NonCausal && media.Tokens > ModelLoader.MicroBatchSize)
        {
            throw new InvalidRequestException(
                $"A media chunk of {media.Tokens} tokens exceeds the {ModelLoader.MicroBatchSize} this engine decodes at once.", "media_too_large");
        }

        var ctx = model.Context.NativeHandle;
        if (media.NonCausal)
        {
            ctx.SetCausalAttention(false);
        }

        try
        {
            // The sequence's position stays at the chunk's start until the whole chunk is decoded.
            int result = _embeddingBatch.Decode(ctx, media.Embeddings, slice.Offset, slice.Count, media.Layout, sequence.Position, sequence.Id, slice.CompletesPrompt);
            Check(result == 0 ? DecodeResult.Ok : (DecodeResult)result);
        }
        finally
        {
            if (media.NonCausal)
            {
                ctx.SetCausalAttention(true);
            }
        }

        if (slice.Offset + slice.Count == media.Tokens)
        {
            // Reused only whole: the chunk enters the history once all of it is decoded.
            slots.Record(slice.Slot, KvUnit.ForMedia(media.Key, media.Tokens, media.Layout));
        }

        sequence.AdvancePrompt(slice.StepIndex, slice.Offset, slice.Count);
        return slice.Count - 1;
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed ({result}).");
        }
    }
}
