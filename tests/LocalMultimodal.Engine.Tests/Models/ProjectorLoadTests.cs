using LLama;
using LLama.Native;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

[Collection(NativeModelsCollection.Name)]
public sealed class ProjectorLoadTests(NativeModelsFixture fixture)
{
    [Theory]
    [InlineData(ProjectorKind.Gemma3, true, false)]
    [InlineData(ProjectorKind.Omni, true, true)]
    public void Projector_loads_with_its_modalities(ProjectorKind kind, bool vision, bool audio)
    {
        MtmdWeights projector = fixture.Projector(kind);
        Assert.Equal(vision, projector.SupportsVision);
        Assert.Equal(audio, projector.SupportsAudio);
    }

    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Omni)]
    public void Gemma3_image_prompt_is_16_wrapped_tokens_and_generates(ProjectorKind kind)
    {
        MediaGeneration result = GenerateWithImage(kind, TestMedia.Gradient(64, 64), 64, 64);
        var vocabulary = new TinyVocabulary();
        Assert.Contains("Image:16", result.Chunks);
        Assert.Contains(vocabulary.GetTokenId("<start_of_image>"), result.TextTokens);
        Assert.Contains(vocabulary.GetTokenId("<end_of_image>"), result.TextTokens);
        Assert.Equal(8, result.Tokens.Count);
        Assert.All(result.Tokens, t => Assert.InRange(t, 0, fixture.Weights.Vocab.Count - 1));
    }

    [Fact]
    public void Different_images_give_different_tokens()
    {
        MediaGeneration gradient = GenerateWithImage(ProjectorKind.Gemma3, TestMedia.Gradient(64, 64), 64, 64);
        MediaGeneration checkerboard = GenerateWithImage(ProjectorKind.Gemma3, TestMedia.Checkerboard(64, 64), 64, 64);
        MediaGeneration again = GenerateWithImage(ProjectorKind.Gemma3, TestMedia.Gradient(64, 64), 64, 64);
        Assert.NotEqual(gradient.Tokens, checkerboard.Tokens);
        Assert.Equal(gradient.Tokens, again.Tokens);
    }

    private MediaGeneration GenerateWithImage(ProjectorKind kind, byte[] rgb, uint width, uint height)
    {
        using SafeMtmdEmbed image = SafeMtmdEmbed.FromRgbBytes(width, height, rgb) ?? throw new InvalidOperationException("no bitmap");
        return MediaGeneration.Run(fixture, fixture.Projector(kind), [image]);
    }
}
