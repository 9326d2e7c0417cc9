using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

public sealed class TinyVocabularyTests
{
    private readonly TinyVocabulary _vocabulary = new();

    [Fact]
    public void Special_and_byte_tokens_have_fixed_ids()
    {
        Assert.Equal(TinyVocabulary.UnknownId, _vocabulary.GetTokenId("<unk>"));
        Assert.Equal(TinyVocabulary.BeginOfSequenceId, _vocabulary.GetTokenId("<s>"));
        Assert.Equal(TinyVocabulary.EndOfSequenceId, _vocabulary.GetTokenId("</s>"));
        Assert.Equal(TinyVocabulary.ImStartId, _vocabulary.GetTokenId("<|im_start|>"));
        Assert.Equal(TinyVocabulary.ImEndId, _vocabulary.GetTokenId("<|im_end|>"));
        int firstByte = _vocabulary.GetTokenId("<0x00>");
        Assert.Equal(firstByte + 0x0A, _vocabulary.GetTokenId("<0x0A>"));
        Assert.Equal(firstByte + 255, _vocabulary.GetTokenId("<0xFF>"));
    }

    [Theory]
    [InlineData("<start_of_image>")]
    [InlineData("<end_of_image>")]
    [InlineData("<|audio_bos|>")]
    [InlineData("<|audio_eos|>")]
    [InlineData("<fake_token_around_image>")]
    [InlineData("<global-img>")]
    [InlineData("<row_6_col_6>")]
    [InlineData("\n\n")]
    [InlineData("\u2581")]
    [InlineData("~")]
    public void Media_wrapper_and_structural_pieces_are_tokens(string piece) =>
        Assert.True(_vocabulary.TryGetTokenId(piece, out _));

    [Fact]
    public void Every_prefix_of_a_word_is_a_token_so_sentencepiece_can_merge_it()
    {
        foreach (string prefix in (string[])["\u2581h", "\u2581he", "\u2581hel", "\u2581hell", "\u2581hello"])
        {
            Assert.True(_vocabulary.TryGetTokenId(prefix, out _), prefix);
        }

        Assert.True(_vocabulary.Count > 1500);
        Assert.Equal(_vocabulary.Count, _vocabulary.Tokens.Distinct().Count());
    }

    [Fact]
    public void Added_words_append_tokens_without_moving_existing_ids()
    {
        int count = _vocabulary.Count;
        int hello = _vocabulary.GetWordTokenId("hello");

        int id = _vocabulary.AddWord("magenta");

        Assert.Equal(hello, _vocabulary.GetWordTokenId("hello"));
        Assert.Equal(id, _vocabulary.GetWordTokenId("magenta"));
        Assert.True(id >= count);
        Assert.Equal(_vocabulary.GetWordTokenId("red"), _vocabulary.AddWord("red")); // already there
        Assert.Equal(new TinyVocabulary(["magenta"]).Tokens, _vocabulary.Tokens);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("tab\t")]
    [InlineData("")]
    public void Words_with_whitespace_are_refused(string word) =>
        Assert.ThrowsAny<ArgumentException>(() => _vocabulary.AddWord(word));

    [Fact]
    public void Unknown_pieces_throw_a_clear_error() =>
        Assert.Contains("xyzzy", Assert.Throws<KeyNotFoundException>(() => _vocabulary.GetWordTokenId("xyzzy")).Message);
}
