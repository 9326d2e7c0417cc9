using LocalMultimodal.Gguf;
using static LocalMultimodal.Models.ColourStream;

namespace LocalMultimodal.Models;

/// <summary>
/// The colour model's projectors (mmproj files). They write into <see cref="ColourStream"/>'s dimensions: the
/// vision ones the mean colour of each image token's block and 1, the audio one a pitch and a level feature and 1.
/// Every norm has eps 1e8, which makes RMSNorm <c>x·1e-4</c> and LayerNorm <c>(x − μ)·1e-4</c>; a weight of
/// 1e4 undoes the scale, so the encoders are linear up to the GELUs, which are cancelled (see each writer).
/// </summary>
internal static class ColourProjectors
{
    private const float Epsilon = ColourLlm.NormEpsilon;
    private const float NormWeight = ColourLlm.NormWeight;

    /// <summary>
    /// A digitally silent log-mel frame after Whisper's normalisation: (log10(5.96e-8) + 4) / 4. The conv runs
    /// in F16, so the level offset must be this value rounded to F16 for silence to give exactly 0.
    /// </summary>
    private const float SilentMel = -0.80618f;

    /// <summary>Shifts mm.0's outputs to ≥ 10, where ggml's GELU returns its input unchanged.</summary>
    private const float GeluShift = 32f;

    /// <summary>
    /// Channels of the vision encoders: 0..2 carry the per-patch mean of the normalised R, G, B, and 3 a constant
    /// 1 for the affine offset. No ViT block runs (gemma3 has none; LLaVA runs all but the last of one).
    /// </summary>
    private static readonly EncoderShape VisionShape = new(Width: 8, FeedForwardLength: 16, BlockCount: 0, HeadCount: 1, Epsilon);

    private static readonly EncoderShape LlavaShape = VisionShape with { BlockCount = 1 };

    /// <summary>
    /// Qwen2.5-VL needs a block that uses window attention, or clip.cpp aborts setting the unused window mask;
    /// with zero weights the block adds nothing.
    /// </summary>
    private static readonly EncoderShape QwenShape = VisionShape with { BlockCount = 1 };

    /// <summary>Channels 0..3 carry (P, −P, L, −L); the one block has zero weights and adds nothing.</summary>
    private static readonly EncoderShape AudioShape = new(Width: 8, FeedForwardLength: 16, BlockCount: 1, HeadCount: 1, Epsilon);

    /// <summary>Which vision channel feeds which stream dimension.</summary>
    private static readonly (int Channel, int Dimension)[] RgbDimensions = [(0, Red), (1, Green), (2, Blue)];

    public static GgufDocument Gemma3(string name)
    {
        GgufDocument document = CreateDocument(name).Set("clip.projector_type", GgufValue.String("gemma3"));
        WriteGemma3Vision(document);
        return document;
    }

    public static GgufDocument Mlp(string name)
    {
        GgufDocument document = CreateDocument(name).Set("clip.projector_type", GgufValue.String("mlp"));
        WriteMlpVision(document);
        return document;
    }

    public static GgufDocument Qwen2Audio(string name)
    {
        GgufDocument document = CreateDocument(name).Set("clip.projector_type", GgufValue.String("qwen2a"));
        WriteQwen2Audio(document);
        return document;
    }

    /// <summary>gemma3 vision and qwen2a audio in one file; with two modalities the type is given per modality.</summary>
    public static GgufDocument Combined(string name)
    {
        GgufDocument document = CreateDocument(name)
            .Set("clip.vision.projector_type", GgufValue.String("gemma3"))
            .Set("clip.audio.projector_type", GgufValue.String("qwen2a"));
        WriteGemma3Vision(document);
        WriteQwen2Audio(document);
        return document;
    }

    /// <summary>
    /// Qwen2.5-VL's vision projector (<c>qwen2.5vl_merger</c>) with qwen2a audio in the same file, as Qwen2.5-Omni
    /// pairs them, so the Qwen layout answers audio too. Images keep their aspect ratio (no letterbox).
    /// </summary>
    public static GgufDocument QwenCombined(string name)
    {
        GgufDocument document = CreateDocument(name)
            .Set("clip.vision.projector_type", GgufValue.String("qwen2.5vl_merger"))
            .Set("clip.audio.projector_type", GgufValue.String("qwen2a"));
        WriteQwen25Vision(document);
        document.Remove("clip.projector_type");
        WriteQwen2Audio(document, ballast: true);
        return document;
    }

    private static GgufDocument CreateDocument(string name) => new GgufDocument()
        .Set("general.architecture", GgufValue.String("clip"))
        .Set("general.name", GgufValue.String(name))
        .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment));

    /// <summary>
    /// Patch means → 2×2 average pool (a token per 16×16 block) → RMSNorm (identity) → input projection, which
    /// undoes the CLIP normalisation: <c>R = std_R·h₀ + mean_R·h₃ = mean(u_R)/255</c>.
    /// </summary>
    private static void WriteGemma3Vision(GgufDocument document)
    {
        // The CLIP mean and std are asymmetric per channel, so a swapped channel changes the answer.
        VisionEncoder.WriteMetadata(document, VisionEncoder.ClipMean, VisionEncoder.ClipStd, VisionShape);
        document.Set("clip.vision.projector.scale_factor", GgufValue.UInt32(2));
        document.Add(PatchMeans(negated: false));
        var bias = new float[VisionShape.Width];
        bias[3] = 1f;
        document.Add(F32Tensors.Vector("v.patch_embd.bias", bias));
        document.Add(F32Tensors.Constant("mm.soft_emb_norm.weight", VisionShape.Width, NormWeight));

        // ne[0] is the LLM width: the gemma3 graph multiplies by the transpose.
        var projection = new F32Matrix(TinyLlm.EmbeddingLength, VisionShape.Width);
        foreach ((int channel, int dimension) in RgbDimensions)
        {
            projection[channel, dimension] = VisionEncoder.ClipStd[channel];
            projection[3, dimension] = VisionEncoder.ClipMean[channel];
        }

        projection[3, ImageOne] = 1f;
        document.Add(projection.ToTensor("mm.input_projection.weight"));
    }

    /// <summary>
    /// Qwen2.5-VL, with one all-zero ViT block (it adds nothing): the first patch kernel takes the patch means (the second, for a video's
    /// second frame, is zero), the final RMSNorm is the identity (eps trick), and the merger's mm.0 averages the
    /// 2×2 patches of a token and adds the constant channel, shifted to where GELU is the identity; mm.2 undoes
    /// the shift and the CLIP normalisation as in LLaVA. A token covers 16×16 pixels of the resized image.
    /// </summary>
    private static void WriteQwen25Vision(GgufDocument document)
    {
        QwenVisionEncoder.WriteMetadata(document, qwen25: true, VisionEncoder.ClipMean, VisionEncoder.ClipStd, QwenShape, VisionGeometry.Fixture);
        QwenVisionEncoder.WriteTensors(new ZeroTensors(document), qwen25: true, QwenShape, VisionGeometry.Fixture);
        int width = VisionShape.Width;
        int merged = width * QwenVisionEncoder.MergeSize * QwenVisionEncoder.MergeSize;
        document.Replace(PatchMeans(negated: false));
        document.Replace(F32Tensors.Constant("v.post_ln.weight", width, NormWeight));

        // The merged input is the four patches' channels one patch after another.
        var first = new F32Matrix(merged, merged);
        var firstBias = new float[merged];
        for (int c = 0; c < 3; c++)
        {
            for (int patch = 0; patch < merged / width; patch++)
            {
                first[c, (patch * width) + c] = 1f / (merged / width);
            }
        }

        Array.Fill(firstBias, GeluShift, 0, 3);
        firstBias[3] = GeluShift + 1f;
        document.Replace(first.ToTensor("mm.0.weight"));
        document.Replace(F32Tensors.Vector("mm.0.bias", firstBias));

        var (second, secondBias) = UnshiftAndUnnormalise(merged);
        secondBias[Ballast] = BallastValue;
        document.Replace(second.ToTensor("mm.2.weight"));
        document.Replace(F32Tensors.Vector("mm.2.bias", secondBias));
    }

    /// <summary>
    /// LLaVA-1.5: the channel sum of every pre-LN input is 0 (± channel pairs), so LayerNorm's μ = 0 and the
    /// pre-LN is the identity. The class token's input is exactly 0 and projects to the zero vector, which keeps
    /// the model immune to llama.cpp's CLS ordering bug (#25814): only the top-left patch stays unseen.
    /// </summary>
    private static void WriteMlpVision(GgufDocument document)
    {
        VisionEncoder.WriteMetadata(document, VisionEncoder.ClipMean, VisionEncoder.ClipStd, LlavaShape);
        VisionEncoder.WriteTensors(new ZeroTensors(document), clipStyle: true, LlavaShape);
        int width = LlavaShape.Width;
        document.Replace(PatchMeans(negated: true));

        // Channels 6 and 7 are the ±1 constant pair; identical rows make the #25814 position shift harmless.
        var positions = new F32Matrix(width, VisionEncoder.Patches + 1);
        var classEmbedding = new float[width];
        for (int row = 0; row < VisionEncoder.Patches + 1; row++)
        {
            positions[row, 6] = 1f;
            positions[row, 7] = -1f;
        }

        classEmbedding[6] = -1f;
        classEmbedding[7] = 1f;
        document.Replace(positions.ToTensor("v.position_embd.weight"));
        document.Replace(F32Tensors.Vector("v.class_embd", classEmbedding));
        document.Replace(F32Tensors.Constant("v.pre_ln.weight", width, NormWeight));

        // mm.0 keeps n_c and the constant, shifted to where GELU is the identity; mm.2 undoes the shift and the
        // CLIP normalisation as in gemma3.
        var first = new F32Matrix(width, width);
        var firstBias = new float[width];
        for (int c = 0; c < 3; c++)
        {
            first[c, c] = 1f;
        }

        first[3, 6] = 1f;
        Array.Fill(firstBias, GeluShift, 0, 4);
        document.Add(first.ToTensor("mm.0.weight"));
        document.Add(F32Tensors.Vector("mm.0.bias", firstBias));

        var (second, secondBias) = UnshiftAndUnnormalise(width);
        document.Add(second.ToTensor("mm.2.weight"));
        document.Add(F32Tensors.Vector("mm.2.bias", secondBias));
    }

    /// <summary>
    /// The second merger layer of LLaVA and Qwen-VL: from channels (n_R, n_G, n_B, 1), each shifted by
    /// <see cref="GeluShift"/>, to the stream's mean colour and <see cref="ColourStream.ImageOne"/>, undoing the shift
    /// and the CLIP normalisation (<c>R = std_R·n_R + mean_R</c>).
    /// </summary>
    private static (F32Matrix Weight, float[] Bias) UnshiftAndUnnormalise(int inputs)
    {
        var weight = new F32Matrix(inputs, TinyLlm.EmbeddingLength);
        var bias = new float[TinyLlm.EmbeddingLength];
        foreach ((int channel, int dimension) in RgbDimensions)
        {
            float std = VisionEncoder.ClipStd[channel];
            float mean = VisionEncoder.ClipMean[channel];
            weight[dimension, channel] = std;
            weight[dimension, 3] = mean;
            bias[dimension] = -GeluShift * (std + mean);
        }

        weight[ImageOne, 3] = 1f;
        bias[ImageOne] = -GeluShift;
        return (weight, bias);
    }

    /// <summary>
    /// Whisper: conv1 (centre tap) gives c = (P, −P, L, −L) with P = mean(mel bins 0..63) − mean(64..127) and
    /// L = mean(all) − silence. GELU is not linear, but gelu(x) − gelu(−x) = x, so conv2 (x₀ − x₁, x₁ − x₀, …)
    /// gives (P, −P, L, −L) again, and mm.a.fc removes the second GELU the same way. Post-LN's μ cancels in
    /// these differences. All conv weights are exact in F16, in which ggml computes conv_1d.
    /// </summary>
    private static void WriteQwen2Audio(GgufDocument document) => WriteQwen2Audio(document, ballast: false);

    /// <param name="document">The projector's document.</param>
    /// <param name="ballast">Add <see cref="ColourStream.Ballast"/> to every token, for the qwen2vl LLM.</param>
    private static void WriteQwen2Audio(GgufDocument document, bool ballast)
    {
        const int mel = WhisperEncoder.MelBins;
        const int taps = 3;
        const int centre = 1;
        WhisperEncoder.WriteMetadata(document, AudioShape);
        WhisperEncoder.WriteTensors(new ZeroTensors(document), AudioShape);
        int width = AudioShape.Width;

        // ne = [taps, in, out]
        var conv1 = new float[taps * mel * width];
        for (int bin = 0; bin < mel; bin++)
        {
            float pitch = bin < mel / 2 ? 1f / (mel / 2) : -1f / (mel / 2);
            conv1[((0 * mel) + bin) * taps + centre] = pitch;
            conv1[((1 * mel) + bin) * taps + centre] = -pitch;
            conv1[((2 * mel) + bin) * taps + centre] = 1f / mel;
            conv1[((3 * mel) + bin) * taps + centre] = -1f / mel;
        }

        float silence = (float)(Half)SilentMel;
        var conv1Bias = new float[width];
        conv1Bias[2] = -silence;
        conv1Bias[3] = silence;
        document.Replace(new GgufTensor("a.conv1d.1.weight", [taps, mel, width], GgmlType.F32, conv1));
        document.Replace(new GgufTensor("a.conv1d.1.bias", [1, width], GgmlType.F32, conv1Bias));

        var conv2 = new float[taps * width * width];
        foreach ((int output, int plus, int minus) in new[] { (0, 0, 1), (1, 1, 0), (2, 2, 3), (3, 3, 2) })
        {
            conv2[((output * width) + plus) * taps + centre] = 1f;
            conv2[((output * width) + minus) * taps + centre] = -1f;
        }

        document.Replace(new GgufTensor("a.conv1d.2.weight", [taps, width, width], GgmlType.F32, conv2));
        document.Replace(F32Tensors.Constant("a.post_ln.weight", width, NormWeight));

        var fc = new F32Matrix(width, TinyLlm.EmbeddingLength);
        fc[Pitch, 0] = 1f;
        fc[Pitch, 1] = -1f;
        fc[Level, 2] = 1f;
        fc[Level, 3] = -1f;
        var fcBias = new float[TinyLlm.EmbeddingLength];
        fcBias[AudioOne] = 1f;
        if (ballast)
        {
            fcBias[Ballast] = BallastValue;
        }

        document.Add(fc.ToTensor("mm.a.fc.weight"));
        document.Add(F32Tensors.Vector("mm.a.fc.bias", fcBias));
    }

    /// <summary>
    /// The patch conv <c>ne = [8, 8, 3, width]</c>: output channel c (0..2) is the mean of input channel c over
    /// the patch; with <paramref name="negated"/>, channels 3..5 hold the negated means.
    /// </summary>
    private static GgufTensor PatchMeans(bool negated)
    {
        const int patch = VisionEncoder.PatchSize;
        const float weight = 1f / (patch * patch);
        int width = VisionShape.Width;
        var kernel = new float[patch * patch * 3 * width];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < patch * patch; i++)
            {
                kernel[((c * 3) + c) * patch * patch + i] = weight;
                if (negated)
                {
                    kernel[(((c + 3) * 3) + c) * patch * patch + i] = -weight;
                }
            }
        }

        return new GgufTensor("v.patch_embd.weight", [patch, patch, 3, width], GgmlType.F32, kernel);
    }
}
