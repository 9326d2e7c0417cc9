using LocalMultimodal.Gguf;
using static LocalMultimodal.Models.ColourStream;

namespace LocalMultimodal.Models;

/// <summary>
/// The colour model's LLM: <c>llama</c>, one layer, two heads of 32, with weights written down so that the next
/// token after a prompt is the palette colour nearest to the mean colour of the image tokens in the context,
/// <c>none</c> without media, and <c>silence</c>/<c>low</c>/<c>high</c> for audio; after an answer word it is
/// <c>&lt;|im_end|&gt;</c>.
/// <para>
/// The construction: with eps 1e8 every RMSNorm is exactly <c>x·1e-4</c> (activations stay below 4, and
/// <c>mean + 1e8</c> rounds to 1e8 in f32), so norm weights of 1e4 make it the identity. Q = K = 0 makes the
/// causal softmax uniform, so attention averages V over the window: f·(R̄, Ḡ, B̄, 1) for images. The FFN is 0.
/// The unembedding scores colour c as <c>M + f·(G + ‖x̄‖² − ‖x̄ − p_c‖²)</c>, which is linear in the averages
/// and ranks the colours by distance for any f &gt; 0.
/// </para>
/// <para>
/// Tools (the Hermes / Qwen2.5 format): three more averaged features count <c>&lt;tools&gt;</c>,
/// <c>&lt;tool_response&gt;</c> and open <c>&lt;tool_call&gt;</c>s. With tools in the prompt and no response yet,
/// <c>&lt;tool_call&gt;</c> scores <c>M + W·n_tools/(i+1)</c>, above every answer word, so the model starts a call;
/// a response or an open call each subtract <c>4W/(i+1)</c> (Qwen's tool prompt holds <c>&lt;tools&gt;</c> twice and
/// a balanced example call). Inside a call, a grammar gives the name, keys and punctuation, the model the value:
/// the colour word, then <c>"</c> after it, then <c>&lt;/tool_call&gt;</c> and <c>&lt;|im_end|&gt;</c>. Whitespace
/// scores −1 so that optional whitespace in a grammar is never taken. Without <c>&lt;tools&gt;</c> in the
/// context every answer is the plain colour model's.
/// </para>
/// </summary>
internal static class ColourLlm
{
    /// <summary>Every RMSNorm's eps; see the class remarks.</summary>
    public const float NormEpsilon = 1e8f;

    /// <summary>sqrt(eps): the norm weight that undoes the norm's scale of 1e-4.</summary>
    public const float NormWeight = 1e4f;

    /// <summary>The qwen2vl LLM's norm weight: each row's RMS is <see cref="ColourStream.BallastValue"/>/8 (see <see cref="ColourStream.Ballast"/>).</summary>
    private const float BallastNormWeight = BallastValue / 8f;

    /// <summary>The score of every answer word at a text position (other tokens score 0).</summary>
    private const float M = 100f;

    /// <summary>Lifts the colour scores above <c>none</c> once f·(G − 0.75) exceeds 1.</summary>
    private const float G = 1000f;

    /// <summary>The score of <c>&lt;|im_end|&gt;</c> after an answer word.</summary>
    private const float K = 1e4f;

    /// <summary>The margin of <c>silence</c> over <c>low</c>/<c>high</c> at zero pitch and level.</summary>
    private const float Tau = 1e-4f;

    private const float LevelWeight = 100f;
    private const float PitchWeight = 2000f;

    /// <summary>The weight of the tool features: 4W/(i+1) dominates every answer word up to n_ctx 4096. Needs F32.</summary>
    private const float W = 1e7f;

    /// <summary>The score of <c>"</c> after an answer word: above any colour (≤ f·1003), below <c>&lt;|im_end|&gt;</c> (K).</summary>
    private const float KQuote = 5000f;

    /// <summary>One layer; two heads of 32, so that a quantized V cache (blocks of 32) keeps working.</summary>
    public static readonly LlmShape Shape = new(TinyLlm.EmbeddingLength, BlockCount: 1, HeadCount: 2, FeedForwardLength: 128, ContextLength: 4096, RmsEpsilon: NormEpsilon);

    public static TinyVocabulary CreateVocabulary()
    {
        var vocabulary = new TinyVocabulary();
        foreach (string word in ColourPalette.AnswerWords)
        {
            vocabulary.AddBareWord(word);
        }

        foreach (string tag in ToolTags.All)
        {
            vocabulary.AddUserDefined(tag);
        }

        return vocabulary;
    }

    public static GgufDocument Build(string name) => Build(name, mrope: false);

    /// <summary>
    /// The LLM as <c>llama</c>, or with <paramref name="mrope"/> as <c>qwen2vl</c> (Qwen2-VL's LLM: M-RoPE and
    /// q/k/v biases, here zero) for the Qwen-VL projector. With Q = K = 0 rotary positions change nothing, so both
    /// give the same answers; the qwen2vl one only loads with a projector that positions media for M-RoPE.
    /// </summary>
    public static GgufDocument Build(string name, bool mrope)
    {
        const int width = TinyLlm.EmbeddingLength;
        TinyVocabulary vocabulary = CreateVocabulary();
        HashSet<int> answers = ColourPalette.AnswerWords.Select(vocabulary.GetTokenId).ToHashSet();
        GgufDocument document = TinyLlm.CreateMetadata(vocabulary, name, mrope ? Shape.WithMRope() with { RmsEpsilon = 1e-6f } : Shape);
        float normWeight = mrope ? BallastNormWeight : NormWeight;

        var embeddings = new F32Matrix(width, vocabulary.Count);
        for (int token = 0; token < vocabulary.Count; token++)
        {
            embeddings[token, answers.Contains(token) ? Done : Bias] = 1f;
            if (mrope)
            {
                embeddings[token, Ballast] = BallastValue;
            }
        }

        // </tool_call> ends a call like an answer word ends a turn; the other tags are text positions.
        int callEnd = vocabulary.GetTokenId(ToolTags.CallEnd);
        embeddings[callEnd, Bias] = 0f;
        embeddings[callEnd, Done] = 1f;
        embeddings[callEnd, Call] = -1f;
        embeddings[vocabulary.GetTokenId(ToolTags.Call), Call] = 1f;
        embeddings[vocabulary.GetTokenId(ToolTags.Tools), Tools] = 1f;
        embeddings[vocabulary.GetTokenId(ToolTags.Response), Response] = 1f;

        document.Add(embeddings.ToTensor("token_embd.weight"));
        document.Add(F32Tensors.Constant("blk.0.attn_norm.weight", width, normWeight));
        document.Add(new F32Matrix(width, width).ToTensor("blk.0.attn_q.weight"));
        document.Add(new F32Matrix(width, width).ToTensor("blk.0.attn_k.weight"));
        document.Add(ValueProjection().ToTensor("blk.0.attn_v.weight"));
        if (mrope)
        {
            document.Add(F32Tensors.Constant("blk.0.attn_q.bias", width, 0f));
            document.Add(F32Tensors.Constant("blk.0.attn_k.bias", width, 0f));
            document.Add(F32Tensors.Constant("blk.0.attn_v.bias", width, 0f));
        }

        document.Add(OutputProjection().ToTensor("blk.0.attn_output.weight"));
        document.Add(F32Tensors.Constant("blk.0.ffn_norm.weight", width, normWeight));
        document.Add(new F32Matrix(width, Shape.FeedForwardLength).ToTensor("blk.0.ffn_gate.weight"));
        document.Add(new F32Matrix(width, Shape.FeedForwardLength).ToTensor("blk.0.ffn_up.weight"));
        document.Add(new F32Matrix(Shape.FeedForwardLength, width).ToTensor("blk.0.ffn_down.weight"));
        document.Add(F32Tensors.Constant("output_norm.weight", width, normWeight));
        document.Add(Unembedding(vocabulary).ToTensor("output.weight"));
        return document;
    }

    /// <summary>
    /// Head 0 (V dims 0..31) carries the image features and the audio indicator, head 1 (32..63) the small audio
    /// features: a q8_0 V cache shares one scale per head, which must not be set by the 1.0 indicators.
    /// </summary>
    private static F32Matrix ValueProjection()
    {
        var v = new F32Matrix(TinyLlm.EmbeddingLength, TinyLlm.EmbeddingLength);
        v[0, Red] = 1f;
        v[1, Green] = 1f;
        v[2, Blue] = 1f;
        v[3, ImageOne] = 1f;
        v[4, AudioOne] = 1f;
        v[5, Tools] = 1f;
        v[6, Response] = 1f;
        v[7, Call] = 1f;
        v[32, Pitch] = 1f;
        v[33, Level] = 1f;
        return v;
    }

    private static F32Matrix OutputProjection()
    {
        var o = new F32Matrix(TinyLlm.EmbeddingLength, TinyLlm.EmbeddingLength);
        o[AverageRed, 0] = 1f;
        o[AverageGreen, 1] = 1f;
        o[AverageBlue, 2] = 1f;
        o[AverageImageOne, 3] = 1f;
        o[AverageAudioOne, 4] = 1f;
        o[AverageTools, 5] = 1f;
        o[AverageResponse, 6] = 1f;
        o[AverageCall, 7] = 1f;
        o[AveragePitch, 32] = 1f;
        o[AverageLevel, 33] = 1f;
        return o;
    }

    /// <summary>The logit rows; tokens without a row score 0, below every answer word (M).</summary>
    private static F32Matrix Unembedding(TinyVocabulary vocabulary)
    {
        var output = new F32Matrix(TinyLlm.EmbeddingLength, vocabulary.Count);
        foreach (PaletteColour colour in ColourPalette.Colours)
        {
            // M + 2p·(f x̄) + (G − ‖p‖²)·f  =  M + f·(G + ‖x̄‖² − ‖x̄ − p‖²)
            int row = vocabulary.GetTokenId(colour.Name);
            output[row, Bias] = M;
            output[row, AverageRed] = 2 * colour.R;
            output[row, AverageGreen] = 2 * colour.G;
            output[row, AverageBlue] = 2 * colour.B;
            output[row, AverageImageOne] = G - colour.SquaredNorm;
        }

        // Wins by 1 when f = 0, i.e. when no image (or audio) is in the context.
        output[vocabulary.GetTokenId(ColourPalette.None), Bias] = M + 1f;

        // At zero pitch and level (digital silence) silence wins by 100τ·f_a; any audible tone lifts the level
        // and the sign of the pitch picks low or high.
        int silence = vocabulary.GetTokenId(ColourPalette.Silence);
        output[silence, Bias] = M;
        output[silence, AverageAudioOne] = G + LevelWeight * Tau;
        foreach ((string word, float pitchSign) in new[] { (ColourPalette.Low, 1f), (ColourPalette.High, -1f) })
        {
            int row = vocabulary.GetTokenId(word);
            output[row, Bias] = M;
            output[row, AverageAudioOne] = G;
            output[row, AverageLevel] = LevelWeight;
            output[row, AveragePitch] = pitchSign * PitchWeight;
        }

        output[TinyVocabulary.ImEndId, Done] = K;
        ToolRows(vocabulary, output);
        return output;
    }

    /// <summary>The rows that make the model call a tool; see the class remarks.</summary>
    private static void ToolRows(TinyVocabulary vocabulary, F32Matrix output)
    {
        // Call first: with n_tools ≥ 1 and no response, M + W/(i+1) ≥ 2541 up to n_ctx 4096, above any answer word.
        // After </tool_call> (DONE = 1) −W keeps it negative, so <|im_end|> ends the turn.
        int call = vocabulary.GetTokenId(ToolTags.Call);
        output[call, Bias] = M;
        output[call, AverageTools] = W;
        output[call, AverageResponse] = -4 * W;
        output[call, AverageCall] = -4 * W;
        output[call, Done] = -W;

        // The closing tag beats the bytes that would spell it (0) and optional whitespace (−1).
        output[vocabulary.GetTokenId(ToolTags.CallEnd), Bias] = 1f;

        // A string value ends after the answer word; without a grammar <|im_end|> (K) still wins.
        output[vocabulary.GetTokenId("\""), Done] = KQuote;

        // Optional whitespace in a grammar loses to the next structural character (0), giving compact JSON.
        foreach (string piece in (string[])["<0x09>", "<0x0A>", "<0x0D>", "<0x20>", TinyVocabulary.SpaceMarker, "\n\n"])
        {
            output[vocabulary.GetTokenId(piece), Bias] = -1f;
        }
    }
}
