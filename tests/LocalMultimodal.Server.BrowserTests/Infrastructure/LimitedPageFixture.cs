using LocalMultimodal.Models;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>
/// The generated test model (which, unlike the demo model, answers text prompts at length, so there is time to
/// press Stop) with one image per prompt at most and request bodies of at most <see cref="MaxRequestBytes"/>.
/// </summary>
public sealed class LimitedPageFixture : PageFixture
{
    public const int MaxRequestBytes = 262_144;

    private readonly TempFolder _folder = new();

    protected override IEnumerable<string> ServerFlags
    {
        get
        {
            var models = GeneratedModels.EnsureWritten(_folder.Path);
            return
            [
                "--model", models.Llm, "--mmproj", models.Projector(ProjectorKind.Omni),
                "--limit-mm-per-prompt", """{"image":1}""", "--ctx-size", "16384", "--parallel", "1",
                "--max-request-bytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ];
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
