using System.Diagnostics;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// Runs model-file cases through a <see cref="ProbeClient"/>: every case must be refused cleanly or load and
/// answer. A failing case is run again in a fresh child to confirm it, and its file and description are kept.
/// </summary>
internal sealed class ModelFuzzRun(FuzzFixtures fixtures, string workFolder, ProbeClient client, TextWriter log, bool verbose = false)
{
    public ModelFuzzReport Run(int seed, int firstCase, int cases, TimeSpan? budget = null)
    {
        var report = new ModelFuzzReport(seed);
        var clock = Stopwatch.StartNew();
        for (int n = firstCase; n < firstCase + cases && (budget is null || clock.Elapsed < budget); n++)
        {
            var fuzzCase = new FuzzCase(seed, n);
            (ProbeVerdict verdict, string description, string file) = RunCase(fuzzCase);
            if (verdict.IsFailure)
            {
                // Confirm in a fresh process, so that damage left by an earlier case is not blamed on this one.
                client.Restart();
                ProbeVerdict again = client.Probe(FuzzFixtures.Pair(fuzzCase.Fixture(fixtures), file).Llm, FuzzFixtures.Pair(fuzzCase.Fixture(fixtures), file).Projector);
                string kept = Path.Combine(workFolder, $"failure-s{seed}-c{n}.gguf");
                File.Copy(file, kept, overwrite: true);
                File.WriteAllText(kept + ".txt", $"{description}\n{verdict.Outcome}: {verdict.Message}\nagain: {again.Outcome}: {again.Message}\n");
                report.Failures.Add(new ModelFuzzFailure(fuzzCase, description, verdict, again, kept));
                log.WriteLine($"FAIL {description}\n     {verdict.Outcome}: {verdict.Message}\n     again in a fresh process: {again.Outcome}");
            }

            else if (verbose)
            {
                log.WriteLine($"{verdict.Outcome,-17} {description}\n                  {verdict.Message}");
            }

            report.Count(verdict.Outcome);
        }

        report.Elapsed = clock.Elapsed;
        report.ProcessStarts = client.Starts;
        return report;
    }

    /// <summary>Builds one case's file and probes it; returns the verdict, the description and the file.</summary>
    public (ProbeVerdict Verdict, string Description, string File) RunCase(FuzzCase fuzzCase)
    {
        FuzzFixture fixture = fuzzCase.Fixture(fixtures);
        (byte[] bytes, string description) = fuzzCase.Build(fixtures);
        string file = Path.Combine(workFolder, $"case-{fixture.Name}.gguf");
        File.WriteAllBytes(file, bytes);
        (string llm, string? projector) = FuzzFixtures.Pair(fixture, file);
        return (client.Probe(llm, projector), description, file);
    }
}
