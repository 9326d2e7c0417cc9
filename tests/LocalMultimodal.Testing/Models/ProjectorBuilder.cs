using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>Builds the generated mmproj files (<c>general.architecture = clip</c>) whose output width is the tiny LLM's.</summary>
public static class ProjectorBuilder
{
    /// <summary>Standard deviation of the seeded weights.</summary>
    public const float WeightStd = 0.02f;
    /// <summary>Encoder frames stacked into one ultravox token.</summary>
    public const int UltravoxStackFactor = 4;

    /// <summary>The projector of a kind as a document, with seeded weights.</summary>
    public static GgufDocument Build(ProjectorKind kind, int seed)
    {
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("clip"))
            .Set("general.name", GgufValue.String($"tiny-mmproj-{kind.ToString().ToLowerInvariant()}"))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment));
        var tensors = new SeededTensors(document, seed, WeightStd);
        switch (kind)
        {
            case ProjectorKind.Gemma3:
                document.Set("clip.projector_type", GgufValue.String("gemma3"));
                WriteGemma3(tensors);
                break;
            case ProjectorKind.Mlp:
                document.Set("clip.projector_type", GgufValue.String("mlp"));
                WriteMlp(tensors);
                break;
            case ProjectorKind.Idefics3:
                document.Set("clip.projector_type", GgufValue.String("idefics3"));
                WriteIdefics3(tensors);
                break;
            case ProjectorKind.Qwen2Audio:
                document.Set("clip.projector_type", GgufValue.String("qwen2a"));
                WriteQwen2Audio(tensors);
                break;
            case ProjectorKind.Ultravox:
                document.Set("clip.projector_type", GgufValue.String("ultravox"));
                WriteUltravox(tensors);
                break;
            case ProjectorKind.Omni:
                // With two modalities the type is given per modality instead of clip.projector_type.
                document
                    .Set("clip.vision.projector_type", GgufValue.String("gemma3"))
                    .Set("clip.audio.projector_type", GgufValue.String("qwen2a"));
                WriteGemma3(tensors);
                WriteQwen2Audio(tensors);
                break;
            case ProjectorKind.Qwen2VL:
            case ProjectorKind.Qwen25VL:
                WriteQwenVl(tensors, kind == ProjectorKind.Qwen25VL);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown projector kind.");
        }

        return document;
    }

    private static void WriteGemma3(TensorWriter tensors)
    {
        VisionEncoder.WriteMetadata(tensors.Document, VisionEncoder.HalfMean, VisionEncoder.HalfMean);
        tensors.Document
            .Set("clip.use_gelu", GgufValue.Bool(true))
            .Set("clip.vision.projector.scale_factor", GgufValue.UInt32(2));
        VisionEncoder.WriteTensors(tensors, clipStyle: false);
        tensors.Ones("mm.soft_emb_norm.weight", VisionEncoder.Width);

        // ne[0] is the LLM width: the gemma3 graph transposes this matrix.
        tensors.Matrix("mm.input_projection.weight", TinyLlm.EmbeddingLength, VisionEncoder.Width);
    }

    private static void WriteMlp(TensorWriter tensors)
    {
        // No clip.use_gelu: LLaVA uses gelu_quick, the default.
        VisionEncoder.WriteMetadata(tensors.Document, VisionEncoder.ClipMean, VisionEncoder.ClipStd);
        VisionEncoder.WriteTensors(tensors, clipStyle: true);
        tensors.Linear("mm.0", VisionEncoder.Width, TinyLlm.EmbeddingLength);
        tensors.Linear("mm.2", TinyLlm.EmbeddingLength, TinyLlm.EmbeddingLength);
    }

    private static void WriteIdefics3(TensorWriter tensors)
    {
        const int scale = 2;
        VisionEncoder.WriteMetadata(tensors.Document, VisionEncoder.HalfMean, VisionEncoder.HalfMean);
        tensors.Document
            .Set("clip.use_gelu", GgufValue.Bool(true))
            .Set("clip.vision.projector.scale_factor", GgufValue.UInt32(scale))
            .Set("clip.vision.preproc_image_size", GgufValue.UInt32(2 * VisionEncoder.ImageSize)); // > image_size: tiling
        VisionEncoder.WriteTensors(tensors, clipStyle: false);
        tensors.Linear("mm.model.fc", VisionEncoder.Width * scale * scale, TinyLlm.EmbeddingLength, bias: false);
    }

    private static void WriteQwenVl(TensorWriter tensors, bool qwen25)
    {
        QwenVisionEncoder.WriteMetadata(tensors.Document, qwen25, VisionEncoder.ClipMean, VisionEncoder.ClipStd, VisionEncoder.Shape, VisionGeometry.Fixture);
        QwenVisionEncoder.WriteTensors(tensors, qwen25, VisionEncoder.Shape, VisionGeometry.Fixture);
    }

    private static void WriteQwen2Audio(TensorWriter tensors)
    {
        WhisperEncoder.WriteMetadata(tensors.Document);
        WhisperEncoder.WriteTensors(tensors);
        tensors.Linear("mm.a.fc", WhisperEncoder.Width, TinyLlm.EmbeddingLength);
    }

    private static void WriteUltravox(TensorWriter tensors)
    {
        const int stacked = WhisperEncoder.Width * UltravoxStackFactor;
        WhisperEncoder.WriteMetadata(tensors.Document);
        tensors.Document.Set("clip.audio.projector.stack_factor", GgufValue.UInt32(UltravoxStackFactor));
        WhisperEncoder.WriteTensors(tensors);
        tensors.Ones("mm.a.norm_pre.weight", stacked);
        tensors.Matrix("mm.a.mlp.1.weight", stacked, 2 * TinyLlm.EmbeddingLength); // SwiGLU halves it
        tensors.Ones("mm.a.norm_mid.weight", TinyLlm.EmbeddingLength);
        tensors.Matrix("mm.a.mlp.2.weight", TinyLlm.EmbeddingLength, TinyLlm.EmbeddingLength);
    }
}
