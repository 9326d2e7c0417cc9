using LocalMultimodal.Models;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>The generated fixtures (the tiny LLM and every projector) as fuzz targets, with their header maps.</summary>
internal sealed class FuzzFixtures
{
    private readonly Dictionary<string, GgufHeaderMap> _maps = new(StringComparer.Ordinal);

    public FuzzFixtures(string folder)
    {
        GeneratedModelSet set = GeneratedModels.EnsureWritten(folder);
        var all = new List<FuzzFixture> { new("llm", set.Llm, IsProjector: false, Partner: set.Projectors[ProjectorKind.Gemma3]) };
        foreach ((ProjectorKind kind, string path) in set.Projectors.OrderBy(p => p.Key))
        {
            // A Qwen-VL projector loads only with the M-RoPE (qwen2vl) LLM.
            all.Add(new FuzzFixture(Name(kind), path, IsProjector: true, Partner: set.LlmFor(kind)));
        }

        All = all;
        foreach (FuzzFixture fixture in all)
        {
            _maps[fixture.Name] = GgufHeaderMap.Read(File.ReadAllBytes(fixture.Path));
        }
    }

    public IReadOnlyList<FuzzFixture> All { get; }

    public FuzzFixture this[string name] => All.First(f => f.Name == name);

    public GgufHeaderMap Map(FuzzFixture fixture) => _maps[fixture.Name];

    /// <summary>Writes <paramref name="bytes"/> in place of the fixture and returns the (llm, projector) pair to load.</summary>
    public static (string Llm, string? Projector) Pair(FuzzFixture fixture, string mutatedPath) =>
        fixture.IsProjector ? (fixture.Partner, mutatedPath) : (mutatedPath, fixture.Partner);

    private static string Name(ProjectorKind kind) => kind switch
    {
        ProjectorKind.Gemma3 => "gemma3",
        ProjectorKind.Mlp => "mlp",
        ProjectorKind.Idefics3 => "idefics3",
        ProjectorKind.Qwen2Audio => "qwen2a",
        ProjectorKind.Ultravox => "ultravox",
        ProjectorKind.Qwen2VL => "qwen2vl",
        ProjectorKind.Qwen25VL => "qwen2.5vl",
        _ => "omni",
    };
}
