using LLama.Native;

namespace LocalMultimodal.Scheduling;

/// <summary>The KV memory of a llama.cpp context, one sequence id per slot.</summary>
internal sealed class LlamaKvMemory(SafeLLamaContextHandle context) : IKvMemory
{
    public void Copy(int fromSlot, int toSlot) => context.MemorySequenceCopy((LLamaSeqId)fromSlot, (LLamaSeqId)toSlot, -1, -1);

    public void Trim(int slot, int fromPosition) => context.MemorySequenceRemove((LLamaSeqId)slot, fromPosition, -1);
}
