using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;
using LocalMultimodal.Loading;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Loading;

/// <summary>
/// Each negative fixture is a valid generated projector with one change that, per the facts file, kills the
/// process inside the native loader or the first encode. The validator never calls native code.
/// </summary>
public sealed class ProjectorValidatorTests : IDisposable
{
    private static readonly Dictionary<string, (ProjectorKind Kind, Action<GgufDocument> Break, string Reason)> Cases = new()
    {
        ["no patch embedding"] = (ProjectorKind.Gemma3, d => d.RemoveTensor("v.patch_embd.weight"), "'v.patch_embd.weight'"),
        ["no vision q"] = (ProjectorKind.Mlp, d => d.RemoveTensor("v.blk.0.attn_q.weight"), "'v.blk.0.attn_q.weight'"),
        ["no vision k"] = (ProjectorKind.Idefics3, d => d.RemoveTensor("v.blk.1.attn_k.weight"), "'v.blk.1.attn_k.weight'"),
        ["no vision v"] = (ProjectorKind.Omni, d => d.RemoveTensor("v.blk.1.attn_v.weight"), "'v.blk.1.attn_v.weight'"),
        ["f16 vision positions"] = (ProjectorKind.Gemma3, d => ToF16(d, "v.position_embd.weight"), "are F16, but only F32"),
        ["whisper k bias"] = (ProjectorKind.Qwen2Audio, d => AddBias(d, "a.blk.0.attn_k.bias"), "'a.blk.0.attn_k.bias'"),
        ["omni whisper k bias"] = (ProjectorKind.Omni, d => AddBias(d, "a.blk.0.attn_k.bias"), "'a.blk.0.attn_k.bias'"),
        ["whisper no ln1 bias"] = (ProjectorKind.Qwen2Audio, d => d.RemoveTensor("a.blk.0.ln1.bias"), "'a.blk.0.ln1.bias'"),
        ["whisper no ln2 bias"] = (ProjectorKind.Ultravox, d => d.RemoveTensor("a.blk.0.ln2.bias"), "'a.blk.0.ln2.bias'"),
        ["whisper short positions"] = (ProjectorKind.Qwen2Audio, d => ShortPositions(d, 1499), "has 1499 rows"),
        ["whisper no positions"] = (ProjectorKind.Ultravox, d => d.RemoveTensor("a.position_embd.weight"), "is missing"),
        ["f16 audio positions"] = (ProjectorKind.Omni, d => ToF16(d, "a.position_embd.weight"), "are F16, but only F32"),
        ["ultravox stack 8"] = (ProjectorKind.Ultravox, d => d.Set("clip.audio.projector.stack_factor", GgufValue.UInt32(8)), "stack factor 8 does not divide 1500"),
        ["ultravox stack 0"] = (ProjectorKind.Ultravox, d => d.Set("clip.audio.projector.stack_factor", GgufValue.UInt32(0)), "'clip.audio.projector.stack_factor' is 0"),
        ["llm architecture"] = (ProjectorKind.Gemma3, d => d.Set("general.architecture", GgufValue.String("llama")), "'llama', not 'clip'"),
        ["no architecture"] = (ProjectorKind.Gemma3, d => d.Remove("general.architecture"), "'(missing)', not 'clip'"),
        ["no modality"] = (ProjectorKind.Gemma3, d => d.Remove("clip.has_vision_encoder"), "neither"),
        ["qwen2vl patch bias"] = (ProjectorKind.Qwen2VL, d => AddBias(d, "v.patch_embd.bias"), "'v.patch_embd.bias'"),
        ["qwen2vl no merger"] = (ProjectorKind.Qwen2VL, d => d.RemoveTensor("mm.0.weight"), "'mm.0.weight'"),
        ["qwen2.5vl no windowed block"] = (ProjectorKind.Qwen25VL, d => d.Set("clip.vision.n_wa_pattern", GgufValue.UInt32(1)), "window attention"),
        ["i32 block count"] = (ProjectorKind.Gemma3, d => d.Set("clip.vision.block_count", GgufValue.Int32(2)), "'clip.vision.block_count' is Int32"),
    };

    private readonly TempFolder _temp = new();

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Malformed_projector_is_refused_with_the_file_and_reason(string name)
    {
        (ProjectorKind kind, Action<GgufDocument> breakIt, string reason) = Cases[name];
        GgufDocument document = ProjectorBuilder.Build(kind, GeneratedModels.DefaultProjectorSeed);
        breakIt(document);
        string path = _temp.File("bad.gguf");
        GgufWriter.WriteFile(document, path);

        var error = Assert.Throws<ModelLoadException>(() => ProjectorValidator.Validate(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains(reason, error.Reason);
    }

    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Mlp)]
    [InlineData(ProjectorKind.Idefics3)]
    [InlineData(ProjectorKind.Qwen2Audio)]
    [InlineData(ProjectorKind.Ultravox)]
    [InlineData(ProjectorKind.Omni)]
    public void Generated_projector_passes(ProjectorKind kind)
    {
        string path = _temp.File($"{kind}.gguf");
        GeneratedModels.WriteProjector(path, kind);
        Assert.Equal("clip", ProjectorValidator.Validate(path).GetString("general.architecture"));
    }

    [Fact]
    public void Fused_qkv_replaces_separate_q_k_v()
    {
        // Some real vision encoders store one attn_qkv tensor; clip.cpp then loads q, k and v as optional.
        GgufDocument document = ProjectorBuilder.Build(ProjectorKind.Gemma3, 1);
        foreach (string part in (string[])["attn_q", "attn_k", "attn_v"])
        {
            document.RemoveTensor($"v.blk.0.{part}.weight");
        }

        document.Add(new GgufTensor("v.blk.0.attn_qkv.weight", [32, 96], GgmlType.F32, new float[32 * 96]));
        string path = _temp.File("fused.gguf");
        GgufWriter.WriteFile(document, path);

        ProjectorValidator.Validate(path);
    }

    [Fact]
    public void Unreadable_files_are_refused_with_the_file_and_reason()
    {
        string missing = _temp.File("missing.gguf");
        Assert.Contains("does not exist", Assert.Throws<ModelLoadException>(() => ProjectorValidator.Validate(missing)).Reason);

        string text = _temp.File("text.gguf");
        File.WriteAllText(text, "not a model at all");
        Assert.Contains("magic", Assert.Throws<ModelLoadException>(() => ProjectorValidator.Validate(text)).Reason);

        string truncated = _temp.File("truncated.gguf");
        File.WriteAllBytes(truncated, GgufWriter.ToBytes(ProjectorBuilder.Build(ProjectorKind.Gemma3, 1))[..5000]);
        var error = Assert.Throws<ModelLoadException>(() => ProjectorValidator.Validate(truncated));
        Assert.Equal(truncated, error.Path);
        Assert.Contains("truncated", error.Reason);
    }

    private static void ToF16(GgufDocument document, string name) =>
        document.Replace(document.FindTensor(name)!.WithType(GgmlType.F16));

    private static void AddBias(GgufDocument document, string name) =>
        document.Add(new GgufTensor(name, [32], GgmlType.F32, new float[32]));

    private static void ShortPositions(GgufDocument document, int rows) =>
        document.Replace(new GgufTensor("a.position_embd.weight", [32, rows], GgmlType.F32, new float[32 * rows]));
}
