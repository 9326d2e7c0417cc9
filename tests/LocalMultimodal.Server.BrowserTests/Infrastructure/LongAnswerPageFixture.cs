using LocalMultimodal.Models;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>
/// The generated test model (which, unlike the demo model, answers text prompts at length, so there is time to
/// press Stop) with one image per prompt at most.
/// </summary>
public sealed class LongAnswerPageFixture : PageFixture
{
    private readonly TempFolder folder = new();

    protected override IEnumerable<string> ServerFlags
    {
        get
        {
            var models = GeneratedModels.EnsureWritten(folder.Path);
            return
            [
                "--model", models.Llm, "--mmproj", models.Projector(ProjectorKind.Omni),
                "--limit-mm-per-prompt", """{"image":1}""", "--ctx-size", "16384", "--parallel", "1",
            ];
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }
}
