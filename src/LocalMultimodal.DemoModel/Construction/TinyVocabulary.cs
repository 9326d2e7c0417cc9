using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The SentencePiece vocabulary of the generated tiny LLM: control tokens (ChatML and the media wrapper
/// tokens libmtmd inserts), 256 byte tokens for byte fallback, "▁", "\n\n", printable ASCII and about 400
/// English words. Every prefix of "▁word" is a token too, because SentencePiece only merges pairs whose
/// concatenation is in the vocabulary, so "hello world" is two tokens. Ids are stable: words added later
/// (<see cref="AddWord"/>) only append tokens.
/// </summary>
internal sealed class TinyVocabulary
{
    /// <summary>SentencePiece's stand-in for a space (U+2581).</summary>
    public const string SpaceMarker = "\u2581";

    /// <summary>Id of <c>&lt;unk&gt;</c>.</summary>
    public const int UnknownId = 0;

    /// <summary>Id of <c>&lt;s&gt;</c>, the beginning-of-sequence token.</summary>
    public const int BeginOfSequenceId = 1;

    /// <summary>Id of <c>&lt;/s&gt;</c>, the end-of-sequence token.</summary>
    public const int EndOfSequenceId = 2;

    /// <summary>Id of <c>&lt;|im_start|&gt;</c>.</summary>
    public const int ImStartId = 3;

    /// <summary>Id of <c>&lt;|im_end|&gt;</c>, also the end-of-turn token.</summary>
    public const int ImEndId = 4;

    private readonly List<string> _tokens = [];
    private readonly List<float> _scores = [];
    private readonly List<SpmTokenType> _types = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>Builds the standard vocabulary.</summary>
    public TinyVocabulary()
    {
        Add("<unk>", 0, SpmTokenType.Unknown);
        Add("<s>", 0, SpmTokenType.Control);
        Add("</s>", 0, SpmTokenType.Control);
        foreach (string control in ControlTokens())
        {
            Add(control, 0, SpmTokenType.Control);
        }

        for (int b = 0; b < 256; b++)
        {
            Add($"<0x{b:X2}>", 0, SpmTokenType.Byte);
        }

        Add(SpaceMarker, -1, SpmTokenType.Normal);

        // libmtmd's idefics3 path looks "\n\n" up by its exact text.
        Add("\n\n", -1, SpmTokenType.Normal);
        for (char c = '!'; c <= '~'; c++)
        {
            Add(c.ToString(), -1, SpmTokenType.Normal);
        }

        foreach (string word in EnglishWords.All)
        {
            AddWord(word);
        }
    }

    /// <summary>Builds the standard vocabulary plus <paramref name="extraWords"/> (see <see cref="AddWord"/>).</summary>
    public TinyVocabulary(IEnumerable<string> extraWords)
        : this()
    {
        ArgumentNullException.ThrowIfNull(extraWords);
        foreach (string word in extraWords)
        {
            AddWord(word);
        }
    }

    /// <summary>How many tokens the vocabulary has (the LLM's n_vocab).</summary>
    public int Count => _tokens.Count;

    /// <summary>The token pieces, indexed by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    internal IReadOnlyList<float> Scores => _scores;

    internal IReadOnlyList<SpmTokenType> Types => _types;

    /// <summary>
    /// Adds a word so that " word" tokenizes to one token: every missing prefix of "▁word" of two or more
    /// characters is appended, scored by length so that longer merges win. Existing ids do not change.
    /// </summary>
    /// <param name="word">A word without whitespace, e.g. <c>silence</c>.</param>
    /// <returns>The id of the token "▁word".</returns>
    public int AddWord(string word) => AddWithPrefixes(SpaceMarker + CheckWord(word));

    /// <summary>
    /// Adds a word as a token without the leading "▁", e.g. "red", so that a generated word decodes to exactly
    /// that text with no leading space. Its prefixes are added as in <see cref="AddWord"/>.
    /// </summary>
    /// <returns>The id of the token "word".</returns>
    internal int AddBareWord(string word) => AddWithPrefixes(CheckWord(word));

    /// <summary>
    /// Appends a tag such as <c>&lt;tool_call&gt;</c> as one user-defined token: llama.cpp splits it out of any text
    /// (with or without parse_special) and renders it as text. Existing ids do not change.
    /// </summary>
    /// <returns>The tag's id.</returns>
    internal int AddUserDefined(string piece)
    {
        ArgumentException.ThrowIfNullOrEmpty(piece);
        Add(piece, 0, SpmTokenType.UserDefined);
        return _ids[piece];
    }

    private static string CheckWord(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        if (word.Any(c => char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.IsControl(c)) || word.Contains(SpaceMarker, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{word}' must be one word without whitespace, control or surrogate characters.", nameof(word));
        }

        return word;
    }

    private int AddWithPrefixes(string piece)
    {
        for (int length = 2; length <= piece.Length; length++)
        {
            string prefix = piece[..length];
            if (!_ids.ContainsKey(prefix))
            {
                Add(prefix, length, SpmTokenType.Normal);
            }
        }

        return _ids[piece];
    }

    /// <summary>The id of a token piece, e.g. <c>&lt;|im_start|&gt;</c> or <c>▁hello</c>.</summary>
    /// <exception cref="KeyNotFoundException">The piece is not a token.</exception>
    public int GetTokenId(string piece) =>
        TryGetTokenId(piece, out int id) ? id : throw new KeyNotFoundException($"'{piece}' is not a token of the vocabulary.");

    /// <summary>Looks up the id of a token piece.</summary>
    public bool TryGetTokenId(string piece, out int id) => _ids.TryGetValue(piece, out id);

    /// <summary>The id of the token for " word" (that is, "▁word").</summary>
    /// <exception cref="KeyNotFoundException">The word was never added.</exception>
    public int GetWordTokenId(string word) => GetTokenId(SpaceMarker + word);

    /// <summary>Writes the <c>tokenizer.ggml.*</c> keys of this vocabulary.</summary>
    internal void WriteTo(GgufDocument document)
    {
        document
            .Set("tokenizer.ggml.model", GgufValue.String("llama"))
            .Set("tokenizer.ggml.pre", GgufValue.String("default"))
            .Set("tokenizer.ggml.tokens", GgufValue.Array(_tokens.ToArray()))
            .Set("tokenizer.ggml.scores", GgufValue.Array(_scores.ToArray()))
            .Set("tokenizer.ggml.token_type", GgufValue.Array(_types.Select(t => (int)t).ToArray()))
            .Set("tokenizer.ggml.unknown_token_id", GgufValue.UInt32(UnknownId))
            .Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32(BeginOfSequenceId))
            .Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(EndOfSequenceId))
            .Set("tokenizer.ggml.eot_token_id", GgufValue.UInt32(ImEndId))
            .Set("tokenizer.ggml.add_bos_token", GgufValue.Bool(true))
            .Set("tokenizer.ggml.add_eos_token", GgufValue.Bool(false));
    }

    private static IEnumerable<string> ControlTokens()
    {
        yield return "<|im_start|>";
        yield return "<|im_end|>";
        yield return "<start_of_image>"; // gemma3 wrappers
        yield return "<end_of_image>";
        yield return "<|audio_bos|>"; // qwen2a wrappers
        yield return "<|audio_eos|>";
        yield return "<fake_token_around_image>"; // idefics3 tiling
        yield return "<global-img>";
        for (int row = 1; row <= 6; row++)
        {
            for (int col = 1; col <= 6; col++)
            {
                yield return $"<row_{row}_col_{col}>";
            }
        }
    }

    private void Add(string piece, float score, SpmTokenType type)
    {
        _ids.Add(piece, _tokens.Count);
        _tokens.Add(piece);
        _scores.Add(score);
        _types.Add(type);
    }
}
