using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;
using LocalMultimodal.Loading;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Loading;

public sealed class ModelValidatorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Generated_llm_passes()
    {
        string path = _temp.File("llm.gguf");
        GeneratedModels.WriteLlm(path);
        Assert.Equal("llama", ModelValidator.Validate(path).GetString("general.architecture"));
    }

    [Fact]
    public void File_without_architecture_is_refused()
    {
        string path = _temp.File("anonymous.gguf");
        GgufWriter.WriteFile(new GgufDocument().Set("general.name", GgufValue.String("x")), path);
        var error = Assert.Throws<ModelLoadException>(() => ModelValidator.Validate(path));
        Assert.Equal(path, error.Path);
        Assert.Contains("general.architecture", error.Reason);
    }

    [Fact]
    public void Truncated_llm_is_refused()
    {
        string path = _temp.File("llm.gguf");
        GeneratedModels.WriteLlm(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<ModelLoadException>(() => ModelValidator.Validate(path)).Reason);
    }
}
