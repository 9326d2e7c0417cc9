namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>Counts of a model-file fuzz run by outcome, and its failures.</summary>
internal sealed class ModelFuzzReport(int seed)
{
    private readonly Dictionary<ProbeOutcome, int> _counts = [];

    public int Seed { get; } = seed;

    public List<ModelFuzzFailure> Failures { get; } = [];

    public int Cases => _counts.Values.Sum();

    public TimeSpan Elapsed { get; set; }

    public int ProcessStarts { get; set; }

    public void Count(ProbeOutcome outcome) => _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;

    public int this[ProbeOutcome outcome] => _counts.GetValueOrDefault(outcome);

    public override string ToString() =>
        $"seed {Seed}: {Cases} cases in {Elapsed.TotalSeconds:0.0} s ({ProcessStarts} process starts): " +
        string.Join(", ", Enum.GetValues<ProbeOutcome>().Select(o => $"{o} {this[o]}")) +
        $"; {Failures.Count} failure(s)";
}
