namespace LocalMultimodal.Scheduling;

/// <summary>
/// Where a new prompt goes: its slot, and how much of the prompt that slot's KV already holds
/// (<paramref name="Units"/> leading units, <paramref name="Positions"/> positions) after placement.
/// </summary>
internal readonly record struct SlotPlacement(int Slot, int Units, int Positions);
