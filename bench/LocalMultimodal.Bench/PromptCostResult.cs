namespace LocalMultimodal.Bench;

/// <summary>One modality's prompt cost: milliseconds (medians over the runs) and peak resident memory in MiB.</summary>
internal sealed record PromptCostResult(
    string Modality,
    double LoadMs,
    double EncodeMs,
    double PrefillMs,
    double Decode20Ms,
    double RequestMs,
    double QueuedMs,
    double PeakRssMiB);
