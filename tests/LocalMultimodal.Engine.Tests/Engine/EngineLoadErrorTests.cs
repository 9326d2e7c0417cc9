using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;
using LocalMultimodal.Models;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>Bad model and projector files fail with our exception naming the file and the reason; the process lives on.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineLoadErrorTests(NativeModelsFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task MissingModel_NamesTheFile()
    {
        string path = Path.Combine(_folder.Path, "absent.gguf");

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path, null));

        Assert.Equal(path, error.Path);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task NotAGgufFile_NamesTheFileAndTheReason()
    {
        string path = Write("notes.gguf", "this is not a model"u8.ToArray());

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path, null));

        Assert.Contains(path, error.Message);
        Assert.Contains("GGUF", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TruncatedModel_NamesTheFile()
    {
        byte[] whole = File.ReadAllBytes(fixture.Models.Llm);
        string path = Write("truncated.gguf", whole[..(whole.Length / 2)]);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path, null));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task MRopeProjectorWithALlamaLlm_IsRefusedNamingBoth(ProjectorKind kind)
    {
        string projector = fixture.Models.Projector(kind);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(fixture.Models.Llm, projector));

        Assert.Equal(projector, error.Path);
        Assert.Contains("M-RoPE", error.Message);
        Assert.Contains(Path.GetFileName(fixture.Models.Llm), error.Message);
    }

    [Fact]
    public async Task MRopeLlmWithAGemma3Projector_IsRefused()
    {
        string projector = fixture.Models.Projector(ProjectorKind.Gemma3);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(fixture.Models.MRopeLlm, projector));

        Assert.Equal(projector, error.Path);
        Assert.Contains("uses M-RoPE positions", error.Message);
    }

    [Fact]
    public async Task ProjectorWidthMismatch_GivesLlamaCppsReason()
    {
        var projector = ProjectorBuilder.Build(ProjectorKind.Gemma3, seed: 2);
        var original = projector.FindTensor("mm.input_projection.weight")!;
        projector.Set("clip.vision.projection_dim", GgufValue.UInt32(32));
        projector.Replace(new GgufTensor(original.Name, [32, original.Shape[1]], original.Type, new float[32 * original.Shape[1]]));
        string path = Write("narrow-mmproj.gguf", GgufWriter.ToBytes(projector));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(fixture.Models.Llm, path));

        Assert.Equal(path, error.Path);
        Assert.Contains("mismatch", error.Reason);
    }

    [Fact]
    public async Task ProjectorThatWouldCrashTheNativeLoader_IsRefused_AndAGoodLoadStillWorks()
    {
        var projector = ProjectorBuilder.Build(ProjectorKind.Gemma3, seed: 2);
        projector.RemoveTensor("v.patch_embd.weight");
        string path = Write("no-patch-embd.gguf", GgufWriter.ToBytes(projector));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(fixture.Models.Llm, path));
        Assert.Contains("v.patch_embd.weight", error.Reason);

        await using var engine = await Load(fixture.Models.Llm, fixture.Models.Projector(ProjectorKind.Gemma3));
        Assert.True(engine.Capabilities.SupportsImages);
    }

    [Fact]
    public async Task LanguageModelGivenAsProjector_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Load(fixture.Models.Llm, fixture.Models.Llm));

        Assert.Contains("not a multimodal projector", error.Reason);
    }

    [Fact]
    public async Task InvalidOptions_AreRefusedBeforeLoading()
    {
        var options = new EngineOptions { ModelPath = fixture.Models.Llm, MaxConcurrentSequences = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MultimodalEngine.LoadAsync(options));

        Assert.Contains(nameof(EngineOptions.MaxConcurrentSequences), error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private static Task<MultimodalEngine> Load(string model, string? projector) =>
        MultimodalEngine.LoadAsync(new EngineOptions { ModelPath = model, ProjectorPath = projector, Threads = 2, ContextSize = 2048 });

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
