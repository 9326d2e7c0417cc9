using LocalMultimodal.Fuzz.ModelFiles;
using Xunit.Abstractions;

namespace LocalMultimodal.Fuzz.Tests.ModelFiles;

/// <summary>
/// The CI-sized model-file fuzz run: mutated fixtures loaded by the real engine in a child process; every case
/// must be refused cleanly or load and answer. A longer run: <c>fuzz/run.sh models MINUTES</c>.
/// </summary>
public sealed class ModelFileFuzzTests(ModelFuzzFixture fixture, ITestOutputHelper output) : IClassFixture<ModelFuzzFixture>
{
    /// <summary>Cases per CI run; at about ten a second this is well inside the three-minute budget.</summary>
    private const int Cases = 600;

    [Fact]
    public void Mutated_model_files_are_refused_or_answered_never_fatal()
    {
        var log = new StringWriter();
        var run = new ModelFuzzRun(fixture.Fixtures, fixture.Folder, fixture.Client, log);

        ModelFuzzReport report = run.Run(seed: 17, firstCase: 0, cases: Cases, budget: TimeSpan.FromMinutes(3));

        output.WriteLine(report.ToString());
        output.WriteLine(log.ToString());
        Assert.True(report.Failures.Count == 0, $"{report}\n{log}");
        Assert.True(report.Cases >= Cases / 2, $"only {report.Cases} cases ran within the budget: {report}");

        // Mutations that the validator lets through must really run: the run means nothing if all are refused.
        Assert.True(report[ProbeOutcome.Answered] > Cases / 20, report.ToString());
    }
}
