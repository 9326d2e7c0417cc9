namespace LocalMultimodal.Scheduling;

/// <summary>
/// The KV memory operations the slot table needs, one sequence (stream) per slot. Only
/// <see cref="SlotTable{TSequence}"/> calls them; <see cref="LlamaKvMemory"/> is llama.cpp's.
/// </summary>
internal interface IKvMemory
{
    /// <summary>Copies all of <paramref name="fromSlot"/>'s KV into <paramref name="toSlot"/> (llama.cpp copies across streams only whole).</summary>
    void Copy(int fromSlot, int toSlot);

    /// <summary>Drops <paramref name="slot"/>'s KV from position <paramref name="fromPosition"/> on; 0 clears it.</summary>
    void Trim(int slot, int fromPosition);
}
