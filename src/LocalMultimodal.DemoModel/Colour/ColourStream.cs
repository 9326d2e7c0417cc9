namespace LocalMultimodal.Models;

/// <summary>
/// The dimensions of the colour model's residual stream (n_embd 64; the others stay 0). The projectors write
/// the media features, the attention layer averages them, and the unembedding reads the averages.
/// </summary>
internal static class ColourStream
{
    /// <summary>1 for every token embedding except the answer words.</summary>
    public const int Bias = 0;

    /// <summary>1 for the answer words: after an answer the turn ends.</summary>
    public const int Done = 1;

    /// <summary>Mean red of an image token's block, in [0, 1].</summary>
    public const int Red = 2;

    public const int Green = 3;

    public const int Blue = 4;

    /// <summary>1 for image tokens: counts them in the attention average.</summary>
    public const int ImageOne = 5;

    /// <summary>Low-minus-high mel energy of an audio token.</summary>
    public const int Pitch = 6;

    /// <summary>Mean mel level of an audio token above digital silence.</summary>
    public const int Level = 7;

    /// <summary>f·R̄, the attention average of <see cref="Red"/> (f = share of image positions).</summary>
    public const int AverageRed = 8;

    public const int AverageGreen = 9;

    public const int AverageBlue = 10;

    /// <summary>f, the share of image positions in the causal window.</summary>
    public const int AverageImageOne = 11;

    /// <summary>1 for audio tokens.</summary>
    public const int AudioOne = 12;

    public const int AveragePitch = 13;

    public const int AverageLevel = 14;

    /// <summary>f_a, the share of audio positions in the causal window.</summary>
    public const int AverageAudioOne = 15;

    /// <summary>1 for <c>&lt;tools&gt;</c>: the tool prompt is in the context.</summary>
    public const int Tools = 16;

    /// <summary>1 for <c>&lt;tool_response&gt;</c>: a tool result is in the context.</summary>
    public const int Response = 17;

    /// <summary>+1 for <c>&lt;tool_call&gt;</c>, −1 for <c>&lt;/tool_call&gt;</c>: open calls count, closed ones cancel.</summary>
    public const int Call = 18;

    /// <summary>n_tools/(i+1), the attention average of <see cref="Tools"/>.</summary>
    public const int AverageTools = 19;

    /// <summary>n_resp/(i+1).</summary>
    public const int AverageResponse = 20;

    /// <summary>(n_open − n_close)/(i+1).</summary>
    public const int AverageCall = 21;

    /// <summary>
    /// The qwen2vl LLM's ballast: <see cref="BallastValue"/> in every row (tokens and media). llama.cpp's qwen2vl
    /// does not take the GGUF's RMSNorm eps (measured: the eps-1e8 trick left text logits 8·1e4 times too large),
    /// so there every row carries this constant, which fixes each row's RMS at BallastValue/8 to within
    /// 2e-6, and norm weights of BallastValue/8 make the norms the identity again. Nothing reads it.
    /// </summary>
    public const int Ballast = 63;

    /// <summary>The value of <see cref="Ballast"/>.</summary>
    public const float BallastValue = 1000f;
}
