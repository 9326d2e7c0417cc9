using LocalMultimodal.Fuzz.ModelFiles;

namespace LocalMultimodal.Fuzz.Tests.ModelFiles;

/// <summary>
/// Every model file a fuzz run ever found to kill the process, rebuilt from its fixture and its mutation, and
/// loaded by the real engine in a child process: each must be refused with a message naming the file and the
/// key or tensor at fault. The first four are issue 17's; the rest came from this project's own fuzzer (the
/// seed and case that found each are in its name).
/// </summary>
public sealed class ModelFileRegressionTests(ModelFuzzFixture fixture) : IClassFixture<ModelFuzzFixture>
{
    private static readonly Dictionary<string, (string Fixture, Func<GgufHeaderMap, byte[]> Mutate, string Names)> Cases = new()
    {
        // SIGABRT: GGML_ASSERT(ggml_can_repeat(b, a)) in ggml.c: a 12-pixel stride over an 8x8 kernel makes
        // a 5x5 grid, which the 64-row position table cannot be added to.
        ["issue 17: gemma3 patch_size 8 -> 12"] = ("gemma3", m => GgufPatch.SetUInt32(m, "clip.vision.patch_size", 12), "'v.patch_embd.weight'"),

        // SIGABRT: GGML_ASSERT(model.layers[0].q_b) in mtmd's whisper-enc.cpp.
        ["issue 17: ultravox a.blk.0.attn_q.bias missing"] = ("ultravox", m => GgufPatch.RenameTensor(m, "a.blk.0.attn_q.bias", "a.blk.0.attn_q.biaz"), "'a.blk.0.attn_q.bias'"),

        // SIGSEGV: the LLaVA graph reads the position table without checking it exists.
        ["issue 17: mlp v.position_embd.weight missing"] = ("mlp", m => GgufPatch.RenameTensor(m, "v.position_embd.weight", "v.position_embd.weighs"), "'v.position_embd.weight'"),

        // SIGFPE: a zero dimension (and a 2^48 one) in the projection a division is made by.
        ["issue 17: idefics3 mm.model.fc.weight [2^48 + 128, 0]"] = ("idefics3", m => GgufPatch.SetDimensions(m, "mm.model.fc.weight", (1UL << 48) + 128, 0), "'mm.model.fc.weight'"),

        // SIGABRT: binary_op: unsupported types: dst: f32, src0: f32, src1: i32 (ggml-cpu/binary-ops.cpp).
        ["seed 2 case 80: qwen2a a.blk.0.ln1.bias as I32"] = ("qwen2a", m => GgufPatch.SetTensorType(m, "a.blk.0.ln1.bias", 26), "'a.blk.0.ln1.bias'"),

        // SIGABRT: GGML_ASSERT(eps >= 0.0f) in ggml-cpu/ops.cpp on the first encode.
        ["seed 2 case 220: omni audio layer_norm_epsilon -1e-5"] = ("omni", m => GgufPatch.SetFloat32(m, "clip.audio.attention.layer_norm_epsilon", -1e-5f), "'clip.audio.attention.layer_norm_epsilon'"),

        // SIGSEGV: the LLaVA projector's output width is read from mm.2.weight, which was not there.
        ["seed 100 case 372: mlp mm.2.weight missing"] = ("mlp", m => GgufPatch.RenameTensor(m, "mm.2.weight", "mn.2.weight"), "'mm.2.weight'"),

        // SIGABRT: GGML_ASSERT(id_to_token.size() == token_to_id.size()) in llama-vocab.cpp: a duplicate token.
        ["seed 100 case 2938: llm token <0xD2> renamed to <0xD3>"] = ("llm", m => GgufPatch.ReplaceString(m, "<0xD2>", "<0xD3>"), "'<0xD3>' twice"),

        // SIGSEGV: the Whisper graph reads block 0's tensors with no block 0.
        ["seed 101 case 1234: qwen2a clip.audio.block_count 0"] = ("qwen2a", m => GgufPatch.SetUInt32(m, "clip.audio.block_count", 0), "'clip.audio.block_count' is 0"),

        // Unbounded memory (over 4 GiB, then killed): idefics3 resizes every image to the preprocessing size first.
        ["seed 102 case 1626: idefics3 clip.vision.preproc_image_size 508282969"] = ("idefics3", m => GgufPatch.SetUInt32(m, "clip.vision.preproc_image_size", 508282969), "'clip.vision.preproc_image_size' is 508282969"),

        // SIGSEGV: the Qwen-VL graph adds the k bias without checking it is there.
        ["seed 17 case 259: qwen2.5vl v.blk.1.attn_k.bias missing"] = ("qwen2.5vl", m => GgufPatch.RenameTensor(m, "v.blk.1.attn_k.bias", "v.blk.1.attn_k.biaz"), "'v.blk.1.attn_k.bias'"),

        // SIGABRT: "Failed to get tensor positions" in clip.cpp: the rope positions live in the blocks.
        ["seed 17 case 370: qwen2vl clip.vision.block_count 0"] = ("qwen2vl", m => GgufPatch.SetUInt32(m, "clip.vision.block_count", 0), "clip.vision.block_count is 0"),

        // SIGABRT: GGML_ASSERT(ggml_nelements(a) == ne0*ne1) in ggml.c: the merger's output reshaped to projection_dim.
        ["seed 17 case 452: qwen2.5vl clip.vision.projection_dim 0"] = ("qwen2.5vl", m => GgufPatch.SetUInt32(m, "clip.vision.projection_dim", 0), "clip.vision.projection_dim"),

        // SIGSEGV: the second temporal patch kernel is added to the first on every image.
        ["seed 17 case 536: qwen2.5vl v.patch_embd.weight.1 missing"] = ("qwen2.5vl", m => GgufPatch.RenameTensor(m, "v.patch_embd.weight.1", "v.patch_embd.weigit.1"), "'v.patch_embd.weight.1'"),

        // SIGABRT: GGML_ASSERT(model.patch_bias != nullptr) in mtmd's qwen3vl.cpp: Qwen3-VL is refused by name.
        ["seed 17 case 534: qwen2vl projector type qwen3vl_merger"] = ("qwen2vl", m => GgufPatch.ReplaceString(m, "qwen2vl_merger", "qwen3vl_merger"), "qwen3vl_merger"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Crashing_file_is_refused_naming_the_field(string name)
    {
        (string fixtureName, Func<GgufHeaderMap, byte[]> mutate, string names) = Cases[name];
        FuzzFixture target = fixture.Fixtures[fixtureName];
        string file = Path.Combine(fixture.Folder, $"regression-{fixtureName}.gguf");
        File.WriteAllBytes(file, mutate(fixture.Fixtures.Map(target)));
        (string llm, string? projector) = FuzzFixtures.Pair(target, file);

        ProbeVerdict verdict = fixture.Client.Probe(llm, projector);

        Assert.True(verdict.Outcome == ProbeOutcome.Refused, $"{name}: {verdict.Outcome}: {verdict.Message}");
        Assert.Contains(file, verdict.Message);
        Assert.Contains(names, verdict.Message);
    }

    [Theory]
    [InlineData("llm")]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    [InlineData("idefics3")]
    [InlineData("qwen2a")]
    [InlineData("ultravox")]
    [InlineData("omni")]
    [InlineData("qwen2vl")]
    [InlineData("qwen2.5vl")]
    public void Pristine_fixture_loads_and_answers(string fixtureName)
    {
        FuzzFixture target = fixture.Fixtures[fixtureName];
        (string llm, string? projector) = FuzzFixtures.Pair(target, target.Path);

        ProbeVerdict verdict = fixture.Client.Probe(llm, projector);

        Assert.True(verdict.Outcome == ProbeOutcome.Answered, $"{fixtureName}: {verdict.Outcome}: {verdict.Message}");
    }
}
