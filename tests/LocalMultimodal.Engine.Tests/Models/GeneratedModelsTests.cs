using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

public sealed class GeneratedModelsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Generating_twice_gives_byte_identical_files()
    {
        GeneratedModels.WriteLlm(_temp.File("a.gguf"));
        GeneratedModels.WriteLlm(_temp.File("b.gguf"));
        Assert.Equal(File.ReadAllBytes(_temp.File("a.gguf")), File.ReadAllBytes(_temp.File("b.gguf")));
        foreach (ProjectorKind kind in Enum.GetValues<ProjectorKind>())
        {
            GeneratedModels.WriteProjector(_temp.File($"{kind}-a.gguf"), kind);
            GeneratedModels.WriteProjector(_temp.File($"{kind}-b.gguf"), kind);
            Assert.Equal(File.ReadAllBytes(_temp.File($"{kind}-a.gguf")), File.ReadAllBytes(_temp.File($"{kind}-b.gguf")));
        }
    }

    [Fact]
    public void Seeds_and_options_change_the_weights()
    {
        GeneratedModels.WriteLlm(_temp.File("seed1.gguf"), seed: 1);
        GeneratedModels.WriteLlm(_temp.File("seed2.gguf"), seed: 2);
        GeneratedModels.WriteLlm(_temp.File("f16.gguf"), f16Weights: true);
        Assert.NotEqual(File.ReadAllBytes(_temp.File("seed1.gguf")), File.ReadAllBytes(_temp.File("seed2.gguf")));

        GgufFile f16 = GgufReader.Read(_temp.File("f16.gguf"));
        Assert.Equal(GgmlType.F16, f16.FindTensor("blk.0.attn_q.weight")!.Type);
        Assert.Equal(GgmlType.F32, f16.FindTensor("blk.0.attn_norm.weight")!.Type);
    }

    [Fact]
    public void Llm_file_has_the_documented_layout()
    {
        GeneratedModels.WriteLlm(_temp.File("llm.gguf"));
        GgufFile file = GgufReader.Read(_temp.File("llm.gguf"));
        var vocabulary = new TinyVocabulary();

        Assert.Equal("llama", file.GetString("general.architecture"));
        Assert.Equal(64u, file.GetUInt32("llama.embedding_length"));
        Assert.Equal(vocabulary.Tokens, file.Metadata["tokenizer.ggml.tokens"].As<string[]>());
        Assert.Equal((uint)TinyVocabulary.ImEndId, file.GetUInt32("tokenizer.ggml.eot_token_id"));
        Assert.Equal([64L, vocabulary.Count], file.FindTensor("token_embd.weight")!.Shape);
        Assert.Equal([128L, 64L], file.FindTensor("blk.1.ffn_down.weight")!.Shape);
        Assert.Contains("<|im_start|>", file.GetString("tokenizer.chat_template"));
    }

    [Fact]
    public void Ensure_written_skips_files_with_the_right_content_and_repairs_others()
    {
        GeneratedModelSet first = GeneratedModels.EnsureWritten(_temp.Path);
        string projector = first.Projector(ProjectorKind.Ultravox);
        DateTime llmTime = File.GetLastWriteTimeUtc(first.Llm);
        byte[] projectorBytes = File.ReadAllBytes(projector);
        File.SetLastWriteTimeUtc(first.Llm, llmTime.AddHours(-1));
        File.WriteAllBytes(projector, projectorBytes[..^100]);

        GeneratedModelSet second = GeneratedModels.EnsureWritten(_temp.Path);

        Assert.Equal(first.Llm, second.Llm);
        Assert.Equal(llmTime.AddHours(-1), File.GetLastWriteTimeUtc(second.Llm)); // untouched
        Assert.Equal(projectorBytes, File.ReadAllBytes(second.Projector(ProjectorKind.Ultravox))); // repaired
        Assert.Equal(Enum.GetValues<ProjectorKind>().Length, second.Projectors.Count);
        Assert.Equal(2 + second.Projectors.Count, Directory.GetFiles(_temp.Path).Length); // the two LLMs; no temporary files left
    }
}
