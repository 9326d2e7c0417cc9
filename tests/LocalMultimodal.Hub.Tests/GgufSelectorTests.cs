using LocalMultimodal.Hub.Selection;

namespace LocalMultimodal.Hub.Tests;

public sealed class GgufSelectorTests
{
    private static readonly (string Path, long Size)[] Files =
    [
        ("gemma-3-4b-it-Q8_0.gguf", 800),
        ("gemma-3-4b-it-Q4_K_M.gguf", 500),
        ("gemma-3-4b-it-IQ2_XXS.gguf", 200),
        ("gemma-3-4b-it-f16.gguf", 1600),
        ("mmproj-model-Q8_0.gguf", 50),
        ("mmproj-model-f16.gguf", 90),
        ("mmproj-model-BF16.gguf", 90),
        ("README.md", 1),
        ("big/gemma-Q2_K-00001-of-00002.gguf", 10),
    ];

    [Theory]
    [InlineData("Q8_0", "gemma-3-4b-it-Q8_0.gguf")]
    [InlineData("q8_0", "gemma-3-4b-it-Q8_0.gguf")]
    [InlineData("iq2_xxs", "gemma-3-4b-it-IQ2_XXS.gguf")]
    [InlineData("F16", "gemma-3-4b-it-f16.gguf")]
    [InlineData(null, "gemma-3-4b-it-Q4_K_M.gguf")]
    [InlineData("Q2_K", null)]
    public void PickModel_MatchesTheQuantTag_CaseInsensitively(string? quant, string? expected)
    {
        var models = GgufSelector.Models(Files, f => f.Path).ToList();
        Assert.Equal(expected, GgufSelector.PickModel(models.Select(m => m.Path).ToList(), p => p, p => Files.First(f => f.Path == p).Size, quant));
    }

    [Fact]
    public void PickModel_WithoutQ4KM_TakesTheSmallest()
    {
        string[] files = ["m-Q8_0.gguf", "m-Q5_K_S.gguf", "m-F16.gguf"];
        long[] sizes = [8, 5, 16];
        Assert.Equal("m-Q5_K_S.gguf", GgufSelector.PickModel(files, p => p, p => sizes[Array.IndexOf(files, p)], null));
    }

    [Fact]
    public void PickProjector_PrefersF16ThenBf16OverQuantized()
    {
        Assert.Equal("mmproj-model-f16.gguf", GgufSelector.PickProjector(Files.Select(f => f.Path), p => p, _ => 0));
        Assert.Equal("mmproj-model-BF16.gguf", GgufSelector.PickProjector(Files.Select(f => f.Path).Where(p => !p.Contains("f16", StringComparison.Ordinal)), p => p, _ => 0));
        Assert.Equal("mmproj-model-Q8_0.gguf", GgufSelector.PickProjector(["mmproj-model-Q8_0.gguf", "mmproj-model-Q4_0.gguf", "x.gguf"], p => p, p => p.Contains("Q8", StringComparison.Ordinal) ? 1 : 2));
        Assert.Null(GgufSelector.PickProjector(["model-Q8_0.gguf"], p => p, _ => 0));
    }

    [Theory]
    [InlineData("../evil.gguf")]
    [InlineData("a/../../evil.gguf")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/x.gguf")]
    [InlineData("a\\b.gguf")]
    [InlineData("a//b.gguf")]
    [InlineData("./a.gguf")]
    [InlineData("bad\nname.gguf")]
    [InlineData("")]
    public void RepoPaths_RefusesHostileNames(string name) => Assert.NotNull(RepoPaths.Refusal(name));

    [Theory]
    [InlineData("model-Q4_K_M.gguf")]
    [InlineData("sub dir/model (v2)+x.gguf")]
    public void RepoPaths_AcceptsOrdinaryNames(string name) => Assert.Null(RepoPaths.Refusal(name));
}
