using System.Text;
using LLama;
using LLama.Native;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

[Collection(NativeModelsCollection.Name)]
public sealed class TinyLlmLoadTests(NativeModelsFixture fixture)
{
    [Fact]
    public void Llm_loads_with_the_vocabulary_and_width_it_was_written_with()
    {
        Assert.Equal(new TinyVocabulary().Count, fixture.Weights.Vocab.Count);
        Assert.Equal(64, fixture.Weights.EmbeddingSize);
    }

    [Fact]
    public void Control_token_is_one_token_after_bos()
    {
        using LLamaContext context = fixture.Weights.CreateContext(fixture.LlmParams);
        LLamaToken[] tokens = context.Tokenize("<|im_start|>user", addBos: true, special: true);
        Assert.Equal(TinyVocabulary.BeginOfSequenceId, (int)tokens[0]);
        Assert.Equal(TinyVocabulary.ImStartId, (int)tokens[1]);
    }

    [Fact]
    public void Known_words_are_single_tokens_and_other_text_round_trips_through_bytes()
    {
        var vocabulary = new TinyVocabulary();
        using LLamaContext context = fixture.Weights.CreateContext(fixture.LlmParams);
        int[] hello = context.Tokenize("hello world", addBos: false, special: false).Select(t => (int)t).ToArray();
        Assert.Equal([vocabulary.GetWordTokenId("hello"), vocabulary.GetWordTokenId("world")], hello);

        const string text = "Zebra ü 42!\nok";
        LLamaToken[] tokens = context.Tokenize(text, addBos: false, special: false);
        var decoder = new StreamingTokenDecoder(context);
        decoder.AddRange(tokens);
        Assert.Equal(" " + text, decoder.Read()); // SentencePiece adds the leading space
    }

    [Fact]
    public void Chat_template_is_rendered_as_chatml()
    {
        var template = new LLamaTemplate(fixture.Weights) { AddAssistant = true };
        template.Add("user", "hi");
        string prompt = Encoding.UTF8.GetString(template.Apply());
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void F16_llm_loads_and_decodes()
    {
        using var temp = new TempFolder();
        string path = temp.File("llm-f16.gguf");
        GeneratedModels.WriteLlm(path, f16Weights: true);
        var parameters = new LLama.Common.ModelParams(path) { ContextSize = 256, GpuLayerCount = 0, Threads = 2, BatchThreads = 2 };
        using LLamaWeights weights = LLamaWeights.LoadFromFile(parameters);
        using LLamaContext context = weights.CreateContext(parameters);
        LLamaToken[] tokens = context.Tokenize("hello world", addBos: true, special: true);
        var batch = new LLamaBatch();
        for (int i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, (LLamaSeqId)0, i == tokens.Length - 1);
        }

        Assert.Equal(DecodeResult.Ok, context.NativeHandle.Decode(batch));
    }
}
