using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The bench-size projectors. LLaVA-style: a CLIP ViT (class token, pre-LN, no post-LN) and the two-layer
/// <c>mlp</c> projector onto the LLM's width. Qwen2-VL: the fixtures' <c>qwen2vl_merger</c> layout with the
/// same encoder width and depth. F32 throughout, as the tiny fixtures (F16 position embeddings abort the loader).
/// </summary>
internal static class BenchProjector
{
    public const float WeightStd = 0.02f;

    public static GgufDocument Build(BenchProjectorShape shape, int seed)
    {
        var encoder = new EncoderShape(shape.Width, shape.FeedForwardLength, shape.BlockCount, shape.HeadCount, LayerNormEpsilon: 1e-6f);
        var geometry = new VisionGeometry(shape.ImageSize, shape.PatchSize, shape.OutputWidth);
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("clip"))
            .Set("general.name", GgufValue.String("bench-mmproj-mlp"))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set("clip.projector_type", GgufValue.String("mlp"));
        VisionEncoder.WriteMetadata(document, VisionEncoder.ClipMean, VisionEncoder.ClipStd, encoder, geometry);

        var tensors = new SeededTensors(document, seed, WeightStd);
        VisionEncoder.WriteTensors(tensors, clipStyle: true, encoder, geometry);
        tensors.Linear("mm.0", shape.Width, shape.OutputWidth);
        tensors.Linear("mm.2", shape.OutputWidth, shape.OutputWidth);
        return document;
    }

    public static GgufDocument BuildQwen2VL(BenchProjectorShape shape, int seed)
    {
        var encoder = new EncoderShape(shape.Width, shape.FeedForwardLength, shape.BlockCount, shape.HeadCount, LayerNormEpsilon: 1e-6f);
        var geometry = new VisionGeometry(shape.ImageSize, shape.PatchSize, shape.OutputWidth);
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("clip"))
            .Set("general.name", GgufValue.String("bench-mmproj-qwen2vl"))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment));
        QwenVisionEncoder.WriteMetadata(document, qwen25: false, VisionEncoder.ClipMean, VisionEncoder.ClipStd, encoder, geometry);

        var tensors = new SeededTensors(document, seed, WeightStd);
        QwenVisionEncoder.WriteTensors(tensors, qwen25: false, encoder, geometry);
        return document;
    }
}
