using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>The colour model's files as written, without loading them.</summary>
public sealed class ColourModelFileTests
{
    [Fact]
    public void EnsureWritten_IsDeterministic()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        ColourModelSet a = ColourModels.EnsureWritten(first.Path);
        ColourModelSet b = ColourModels.EnsureWritten(second.Path);

        string[] pathsA = [a.Llm, a.Gemma3Projector, a.MlpProjector, a.AudioProjector, a.CombinedProjector];
        string[] pathsB = [b.Llm, b.Gemma3Projector, b.MlpProjector, b.AudioProjector, b.CombinedProjector];
        Assert.Equal(5, pathsA.Distinct().Count());
        Assert.All(pathsA.Zip(pathsB), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));
    }

    [Fact]
    public void Files_HaveTheDemoNameProjectorTypesAndOnlyF32Tensors()
    {
        using var folder = new TempFolder();
        ColourModelSet models = ColourModels.EnsureWritten(folder.Path);

        GgufFile llm = GgufReader.Read(models.Llm);
        GgufFile combined = GgufReader.Read(models.CombinedProjector);

        Assert.Equal("localmm-colour-demo", llm.GetString("general.name"));
        Assert.Equal("llama", llm.GetString("general.architecture"));
        Assert.Equal("gemma3", GgufReader.Read(models.Gemma3Projector).GetString("clip.projector_type"));
        Assert.Equal("mlp", GgufReader.Read(models.MlpProjector).GetString("clip.projector_type"));
        Assert.Equal("qwen2a", GgufReader.Read(models.AudioProjector).GetString("clip.projector_type"));
        Assert.Null(combined.GetString("clip.projector_type"));
        Assert.Equal("gemma3", combined.GetString("clip.vision.projector_type"));
        Assert.Equal("qwen2a", combined.GetString("clip.audio.projector_type"));
        Assert.True(combined.HasTensor("mm.input_projection.weight"));
        Assert.True(combined.HasTensor("mm.a.fc.weight"));

        // F16 cannot hold the unembedding's G − ‖p‖² (997.75; the F16 spacing at 1000 is 0.5).
        foreach (string path in new[] { models.Llm, models.Gemma3Projector, models.MlpProjector, models.AudioProjector, models.CombinedProjector })
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
}
