namespace LocalMultimodal.Hub.Tests;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("ggml-org/gemma-3-4b-it-GGUF:Q4_K_M", "ggml-org/gemma-3-4b-it-GGUF", "Q4_K_M")]
    [InlineData("ggml-org/gemma-3-4b-it-GGUF:q8_0", "ggml-org/gemma-3-4b-it-GGUF", "q8_0")]
    [InlineData("unsloth/Qwen2.5-VL-7B-Instruct-GGUF", "unsloth/Qwen2.5-VL-7B-Instruct-GGUF", null)]
    public void Parse_ReadsRepositoryAndQuant(string text, string repository, string? quant)
    {
        var reference = ModelReference.Parse(text);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(quant, reference.Quant);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("models/gemma-3-4b-it-Q4_K_M.gguf")]
    [InlineData("/abs/model")]
    [InlineData("./owner/repo")]
    [InlineData("~/owner/repo")]
    [InlineData("demo")]
    [InlineData("demo:gemma3")]
    [InlineData("owner/repo/extra")]
    [InlineData("owner/../repo")]
    [InlineData("owner--x/repo")]
    [InlineData("owner/repo:")]
    [InlineData("owner/repo:Q4 K")]
    public void TryParse_RefusesPathsAndMalformedIds(string text) => Assert.False(ModelReference.TryParse(text, out _));

    [Fact]
    public void IsPath_IsTrueForAnExistingFileWithoutGgufSuffix()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("owner"));
        string file = folder.Write("owner/repo", [1]);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        Assert.True(ModelReference.IsPath(file));
        Assert.True(ModelReference.IsPath(relative));
    }

    [Fact]
    public void Parse_NamesTheExpectedForm()
    {
        var error = Assert.Throws<FormatException>(() => ModelReference.Parse("just-a-name"));
        Assert.Contains("owner/repo[:quant]", error.Message, StringComparison.Ordinal);
    }
}
