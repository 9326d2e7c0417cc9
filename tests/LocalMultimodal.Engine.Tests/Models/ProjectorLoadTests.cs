using LLama;
using LLama.Native;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

[Collection(NativeModelsCollection.Name)]
public sealed class ProjectorLoadTests(NativeModelsFixture fixture)
{
    private static readonly TinyVocabulary Vocabulary = new();

    [Theory]
    [InlineData(ProjectorKind.Gemma3, true, false)]
    [InlineData(ProjectorKind.Mlp, true, false)]
    [InlineData(ProjectorKind.Idefics3, true, false)]
    [InlineData(ProjectorKind.Qwen2Audio, false, true)]
    [InlineData(ProjectorKind.Ultravox, false, true)]
    [InlineData(ProjectorKind.Omni, true, true)]
    [InlineData(ProjectorKind.Qwen2VL, true, false)]
    [InlineData(ProjectorKind.Qwen25VL, true, false)]
    public void Projector_loads_with_its_modalities(ProjectorKind kind, bool vision, bool audio)
    {
        MtmdWeights projector = fixture.Projector(kind);
        Assert.Equal(vision, projector.SupportsVision);
        Assert.Equal(audio, projector.SupportsAudio);
        if (audio)
        {
            Assert.Equal(Tones.SpeechSampleRate, projector.SampleRate);
        }
    }

    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Omni)]
    public void Gemma3_image_prompt_is_16_wrapped_tokens_and_generates(ProjectorKind kind)
    {
        MediaGeneration result = GenerateWithImage(kind, ColourImages.Gradient(64, 64), 64, 64);
        Assert.Equal(["Text", "Image:16", "Text"], result.Chunks.Select(c => c.StartsWith("Text", StringComparison.Ordinal) ? "Text" : c));
        Assert.Contains(Vocabulary.GetTokenId("<start_of_image>"), result.TextTokens);
        Assert.Contains(Vocabulary.GetTokenId("<end_of_image>"), result.TextTokens);
        Assert.Equal(8, result.Tokens.Count);
        Assert.All(result.Tokens, t => Assert.InRange(t, 0, Vocabulary.Count - 1));
    }

    [Fact]
    public void Mlp_image_prompt_is_64_unwrapped_tokens()
    {
        MediaGeneration result = GenerateWithImage(ProjectorKind.Mlp, ColourImages.Gradient(64, 64), 64, 64);
        Assert.Contains("Image:64", result.Chunks);
        Assert.Equal(3, result.Chunks.Count);
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(200, 120)]
    public void Idefics3_tiles_an_image_into_four_tiles_and_an_overview(int width, int height)
    {
        MediaGeneration result = GenerateWithImage(ProjectorKind.Idefics3, ColourImages.Gradient(width, height), (uint)width, (uint)height);
        Assert.Equal(5, result.Chunks.Count(c => c == "Image:16"));
        Assert.Contains(Vocabulary.GetTokenId("<row_2_col_2>"), result.TextTokens);
        Assert.Contains(Vocabulary.GetTokenId("<global-img>"), result.TextTokens);
        Assert.Contains(Vocabulary.GetTokenId("\n\n"), result.TextTokens);
    }

    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Mlp)]
    [InlineData(ProjectorKind.Idefics3)]
    public void Different_images_give_different_tokens_and_the_same_image_the_same(ProjectorKind kind)
    {
        MediaGeneration gradient = GenerateWithImage(kind, ColourImages.Gradient(64, 64), 64, 64);
        MediaGeneration checkerboard = GenerateWithImage(kind, ColourImages.Checkerboard(64, 64), 64, 64);
        MediaGeneration again = GenerateWithImage(kind, ColourImages.Gradient(64, 64), 64, 64);
        Assert.NotEqual(gradient.Tokens, checkerboard.Tokens);
        Assert.Equal(gradient.Tokens, again.Tokens);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2Audio, 1500)]
    [InlineData(ProjectorKind.Ultravox, 750)]
    public void Different_30_second_signals_give_different_tokens(ProjectorKind kind, int audioTokens)
    {
        // Short clips are zero-padded to 31 s and the padding dominates, so both signals fill 30 s.
        MediaGeneration sine = GenerateWithAudio(kind, Tones.Sine(440, Tones.SpeechSampleRate, 30));
        MediaGeneration noise = GenerateWithAudio(kind, Tones.Noise(Tones.SpeechSampleRate, 30));
        Assert.Equal(audioTokens, sine.Chunks.Where(c => c.StartsWith("Audio:", StringComparison.Ordinal)).Sum(c => int.Parse(c[6..])));
        Assert.NotEqual(sine.Tokens, noise.Tokens);
    }

    [Fact]
    public void Omni_takes_an_image_and_a_clip_in_one_prompt()
    {
        using SafeMtmdEmbed image = SafeMtmdEmbed.FromRgbBytes(64, 64, ColourImages.Gradient(64, 64)) ?? throw new InvalidOperationException("no bitmap");
        using SafeMtmdEmbed clip = SafeMtmdEmbed.FromAudioSamples(Tones.Sine(440, Tones.SpeechSampleRate, 1)) ?? throw new InvalidOperationException("no clip");
        MediaGeneration result = MediaGeneration.Run(fixture, fixture.Projector(ProjectorKind.Omni), [image, clip], count: 2);
        Assert.Equal(["Image:16", "Audio:750", "Audio:750"], result.Chunks.Where(c => !c.StartsWith("Text", StringComparison.Ordinal)));
        Assert.Contains(Vocabulary.GetTokenId("<|audio_bos|>"), result.TextTokens);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL, 64, 64, 16, 4)]
    [InlineData(ProjectorKind.Qwen25VL, 64, 64, 16, 4)]
    [InlineData(ProjectorKind.Qwen2VL, 96, 48, 18, 6)]
    [InlineData(ProjectorKind.Qwen25VL, 96, 48, 18, 6)]
    public void Qwen_vl_image_is_one_token_per_16_pixels_square_and_takes_max_side_positions(ProjectorKind kind, int width, int height, int tokens, int positions)
    {
        Assert.True(fixture.Projector(kind).UsesMRope);
        using SafeMtmdEmbed image = SafeMtmdEmbed.FromRgbBytes((uint)width, (uint)height, ColourImages.Gradient(width, height)) ?? throw new InvalidOperationException("no bitmap");
        MediaGeneration result = MediaGeneration.Run(fixture, kind, [image]);
        int index = result.Chunks.ToList().IndexOf($"Image:{tokens}");
        Assert.True(index >= 0, string.Join(" ", result.Chunks));
        Assert.Equal(positions, result.Positions[index]);
        Assert.All(result.Tokens, t => Assert.InRange(t, 0, Vocabulary.Count - 1));
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public void Qwen_vl_different_images_give_different_tokens(ProjectorKind kind)
    {
        using SafeMtmdEmbed gradient = SafeMtmdEmbed.FromRgbBytes(64, 64, ColourImages.Gradient(64, 64)) ?? throw new InvalidOperationException("no bitmap");
        using SafeMtmdEmbed checkerboard = SafeMtmdEmbed.FromRgbBytes(64, 64, ColourImages.Checkerboard(64, 64)) ?? throw new InvalidOperationException("no bitmap");
        Assert.NotEqual(MediaGeneration.Run(fixture, kind, [gradient]).Tokens, MediaGeneration.Run(fixture, kind, [checkerboard]).Tokens);
    }

    private MediaGeneration GenerateWithImage(ProjectorKind kind, byte[] rgb, uint width, uint height)
    {
        using SafeMtmdEmbed image = SafeMtmdEmbed.FromRgbBytes(width, height, rgb) ?? throw new InvalidOperationException("no bitmap");
        return MediaGeneration.Run(fixture, fixture.Projector(kind), [image]);
    }

    private MediaGeneration GenerateWithAudio(ProjectorKind kind, float[] samples)
    {
        using SafeMtmdEmbed clip = SafeMtmdEmbed.FromAudioSamples(samples) ?? throw new InvalidOperationException("no clip");
        return MediaGeneration.Run(fixture, fixture.Projector(kind), [clip]);
    }
}
