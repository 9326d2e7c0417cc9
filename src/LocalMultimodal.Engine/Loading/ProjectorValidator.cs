using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// Checks an mmproj file before libmtmd sees it. Some malformed projectors do not fail cleanly: clip.cpp
/// dereferences a missing tensor or hits a GGML_ASSERT during the warmup inside the native load, which kills
/// the whole process. This refuses those files with a <see cref="ModelLoadException"/> instead: wrongly typed
/// keys, non-positive or absurd dimensions, and (<see cref="ProjectorShapes"/>) every tensor and shape the
/// graph of each supported projector type relies on. Unknown projector types and the projector's output width
/// against the LLM's are reported cleanly by the native loader and left to it.
/// </summary>
internal static class ProjectorValidator
{
    /// <summary>Projector types whose audio half is clip.cpp's Whisper encoder, with its asserted layout.</summary>
    private static readonly HashSet<string> WhisperProjectors =
        new(["qwen2a", "qwen2.5o", "ultravox", "voxtral", "glma", "meralion", "musicflamingo"], StringComparer.Ordinal);

    /// <summary>Whisper's encoder positions for one 30 s window; clip.cpp asserts the table has at least this many.</summary>
    private const long WhisperPositions = 1500;

    /// <summary>Reads and checks <paramref name="path"/>; returns its header when the native loader may open it.</summary>
    /// <exception cref="ModelLoadException">The file is unreadable or would crash the native loader.</exception>
    public static GgufFile Validate(string path)
    {
        GgufFile file = ModelValidator.Read(path);
        string? architecture = file.GetString("general.architecture");
        if (architecture != "clip")
        {
            throw Refuse(file, $"general.architecture is '{architecture ?? "(missing)"}', not 'clip': this is not a multimodal projector");
        }

        ProjectorKeyTypes.Check(file, reason => Refuse(file, reason));
        var rules = new TensorShapeRules(file);
        rules.CheckAllTensors();
        rules.CheckEpsilons();
        bool vision = file.GetBool("clip.has_vision_encoder") == true;
        bool audio = file.GetBool("clip.has_audio_encoder") == true;
        if (!vision && !audio)
        {
            throw Refuse(file, "it declares neither clip.has_vision_encoder nor clip.has_audio_encoder");
        }

        if (vision)
        {
            CheckVision(file);
        }

        if (audio)
        {
            CheckAudio(file);
        }

        return file;
    }

    private static void CheckVision(GgufFile file)
    {
        string? type = file.GetString("clip.vision.projector_type") ?? file.GetString("clip.projector_type");
        ProjectorShapes.CheckVision(new TensorShapeRules(file), type);
        CheckPositionType(file, "v.position_embd.weight");
    }

    private static void CheckAudio(GgufFile file)
    {
        string? type = file.GetString("clip.audio.projector_type") ?? file.GetString("clip.projector_type");
        CheckPositionType(file, "a.position_embd.weight");
        if (type is not null && WhisperProjectors.Contains(type))
        {
            ProjectorShapes.CheckWhisper(new TensorShapeRules(file), type, WhisperPositions);
        }
    }

    private static void CheckPositionType(GgufFile file, string name)
    {
        // The CPU backend cannot add an F16 table to the F32 activations and aborts on the first encode.
        if (file.FindTensor(name) is { Type: not GgmlType.F32 } positions)
        {
            throw Refuse(file, $"the position embeddings '{name}' are {positions.Type}, but only F32 is supported (the first encode would abort)");
        }
    }

    private static ModelLoadException Refuse(GgufFile file, string reason) => new(file.Path, reason);
}
