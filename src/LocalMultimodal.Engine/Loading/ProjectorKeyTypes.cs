using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// The value types clip.cpp reads its keys with. gguf's typed getters GGML_ASSERT the stored type, so a key
/// of the wrong type (say an i32 block count) aborts the process instead of failing the load.
/// </summary>
internal static class ProjectorKeyTypes
{
    private static readonly string[] Modalities = ["vision", "audio"];

    private static readonly Dictionary<string, GgufValueType> Types = Build();

    public static void Check(GgufFile file, Func<string, ModelLoadException> refuse)
    {
        foreach ((string key, GgufValue value) in file.Metadata)
        {
            if (Types.TryGetValue(key, out GgufValueType expected) && value.Type != expected)
            {
                throw refuse($"key '{key}' is {value.Describe()}, but the native loader reads it as {expected} (a mismatch aborts the process)");
            }
        }
    }

    private static Dictionary<string, GgufValueType> Build()
    {
        var types = new Dictionary<string, GgufValueType>(StringComparer.Ordinal)
        {
            ["clip.has_vision_encoder"] = GgufValueType.Bool,
            ["clip.has_audio_encoder"] = GgufValueType.Bool,
            ["clip.use_gelu"] = GgufValueType.Bool,
            ["clip.use_silu"] = GgufValueType.Bool,
            ["clip.projector_type"] = GgufValueType.String,
            ["clip.vision.image_size"] = GgufValueType.UInt32,
            ["clip.vision.patch_size"] = GgufValueType.UInt32,
            ["clip.vision.projector.scale_factor"] = GgufValueType.UInt32,
            ["clip.vision.preproc_image_size"] = GgufValueType.UInt32,
            ["clip.audio.num_mel_bins"] = GgufValueType.UInt32,
            ["clip.audio.projector.stack_factor"] = GgufValueType.UInt32,
        };
        foreach (string m in Modalities)
        {
            types[$"clip.{m}.projector_type"] = GgufValueType.String;
            types[$"clip.{m}.embedding_length"] = GgufValueType.UInt32;
            types[$"clip.{m}.feed_forward_length"] = GgufValueType.UInt32;
            types[$"clip.{m}.block_count"] = GgufValueType.UInt32;
            types[$"clip.{m}.attention.head_count"] = GgufValueType.UInt32;
            types[$"clip.{m}.projection_dim"] = GgufValueType.UInt32;
            types[$"clip.{m}.attention.layer_norm_epsilon"] = GgufValueType.Float32;
        }

        return types;
    }
}
