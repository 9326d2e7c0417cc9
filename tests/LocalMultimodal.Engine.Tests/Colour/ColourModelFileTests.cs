using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>The demo model's files in every layout as written, without loading them.</summary>
public sealed class ColourModelFileTests
{
    [Fact]
    public void EnsureWritten_IsDeterministic()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        string[] pathsA = WriteAll(first.Path);
        string[] pathsB = WriteAll(second.Path);

        Assert.Equal(7, pathsA.Distinct().Count());
        Assert.All(pathsA.Zip(pathsB), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));
    }

    [Fact]
    public void Files_HaveTheDemoNameProjectorTypesAndOnlyF32Tensors()
    {
        using var folder = new TempFolder();
        string Projector(DemoModelLayout layout) => DemoModel.EnsureWritten(folder.Path, layout).Projector;
        string llmPath = DemoModel.EnsureWritten(folder.Path).Llm;

        GgufFile llm = GgufReader.Read(llmPath);
        GgufFile combined = GgufReader.Read(Projector(DemoModelLayout.Omni));

        Assert.Equal("localmm-colour-demo", llm.GetString("general.name"));
        Assert.Equal("llama", llm.GetString("general.architecture"));
        Assert.Equal("gemma3", GgufReader.Read(Projector(DemoModelLayout.Gemma3)).GetString("clip.projector_type"));
        Assert.Equal("mlp", GgufReader.Read(Projector(DemoModelLayout.Llava)).GetString("clip.projector_type"));
        Assert.Equal("qwen2.5vl_merger", GgufReader.Read(Projector(DemoModelLayout.Qwen25VL)).GetString("clip.vision.projector_type"));
        Assert.Equal("qwen2vl", GgufReader.Read(DemoModel.EnsureWritten(folder.Path, DemoModelLayout.Qwen25VL).Llm).GetString("general.architecture"));
        Assert.Equal("qwen2a", GgufReader.Read(Projector(DemoModelLayout.Qwen2Audio)).GetString("clip.projector_type"));
        Assert.Null(combined.GetString("clip.projector_type"));
        Assert.Equal("gemma3", combined.GetString("clip.vision.projector_type"));
        Assert.Equal("qwen2a", combined.GetString("clip.audio.projector_type"));
        Assert.True(combined.HasTensor("mm.input_projection.weight"));
        Assert.True(combined.HasTensor("mm.a.fc.weight"));

        // F16 cannot hold the unembedding's G − ‖p‖² (997.75; the F16 spacing at 1000 is 0.5).
        foreach (string path in WriteAll(folder.Path))
        {
            Assert.All(GgufReader.Read(path).Tensors, tensor => Assert.Equal(GgmlType.F32, tensor.Type));
        }
    }

    [Fact]
    public void Vocabulary_HasEveryAnswerAsOneBareToken()
    {
        TinyVocabulary vocabulary = ColourLlm.CreateVocabulary();

        foreach (string word in ColourPalette.AnswerWords)
        {
            Assert.Equal(word, vocabulary.Tokens[vocabulary.GetTokenId(word)]);
        }

        Assert.Equal(16, ColourPalette.AnswerWords.Distinct().Count());
    }

    /// <summary>Writes every layout into one folder; returns the two LLMs (llama, qwen2vl) and the five projectors.</summary>
    private static string[] WriteAll(string folder) =>
        [DemoModel.EnsureWritten(folder).Llm, DemoModel.EnsureWritten(folder, DemoModelLayout.Qwen25VL).Llm, .. Enum.GetValues<DemoModelLayout>().Select(layout => DemoModel.EnsureWritten(folder, layout).Projector)];
}
