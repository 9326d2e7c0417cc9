using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// Checks an mmproj file before libmtmd sees it. Some malformed projectors do not fail cleanly: clip.cpp
/// dereferences a missing tensor or hits a GGML_ASSERT during the warmup inside the native load, which kills
/// the whole process. This refuses those files with a <see cref="ModelLoadException"/> instead. Problems that
/// the native loader reports cleanly (missing keys, unknown projector types, width mismatches) are left to it.
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
        if (!file.HasTensor("v.patch_embd.weight"))
        {
            throw Refuse(file, "the vision encoder has no tensor 'v.patch_embd.weight' (the native warmup would crash)");
        }

        CheckBlocks(file, "v", file.GetUInt32("clip.vision.block_count"), whisper: false);
        CheckPositionType(file, "v.position_embd.weight");
    }

    private static void CheckAudio(GgufFile file)
    {
        string? type = file.GetString("clip.audio.projector_type") ?? file.GetString("clip.projector_type");
        CheckPositionType(file, "a.position_embd.weight");
        if (type is null || !WhisperProjectors.Contains(type))
        {
            return;
        }

        GgufTensorInfo? positions = file.FindTensor("a.position_embd.weight");
        long rows = positions?.Shape.Length >= 2 ? positions.Shape[1] : 0;
        if (rows < WhisperPositions)
        {
            string found = positions is null ? "is missing" : $"has {rows} rows, shape {positions.DescribeShape()}";
            throw Refuse(file, $"the Whisper position table 'a.position_embd.weight' {found}; at least {WhisperPositions} rows are required (the native warmup would abort)");
        }

        CheckBlocks(file, "a", file.GetUInt32("clip.audio.block_count"), whisper: true);
        if (type == "ultravox" && file.GetUInt32("clip.audio.projector.stack_factor") is uint stack && (stack == 0 || WhisperPositions % stack != 0))
        {
            throw Refuse(file, $"the ultravox stack factor {stack} does not divide {WhisperPositions} (the first audio encode would abort on a token-count mismatch)");
        }
    }

    private static void CheckBlocks(GgufFile file, string prefix, uint? blockCount, bool whisper)
    {
        // A missing block count is a clean native error; a huge one stops at the first missing tensor.
        for (uint i = 0; i < (blockCount ?? 0); i++)
        {
            string block = $"{prefix}.blk.{i}";
            if (!file.HasTensor($"{block}.attn_qkv.weight"))
            {
                foreach (string part in (string[])["attn_q", "attn_k", "attn_v"])
                {
                    if (!file.HasTensor($"{block}.{part}.weight"))
                    {
                        throw Refuse(file, $"block {i} of the encoder has no tensor '{block}.{part}.weight' (the native warmup would crash)");
                    }
                }
            }

            if (!whisper)
            {
                continue;
            }

            if (file.HasTensor($"{block}.attn_k.bias"))
            {
                throw Refuse(file, $"the Whisper block {i} has a tensor '{block}.attn_k.bias', which Whisper does not have (the native warmup would abort)");
            }

            foreach (string norm in (string[])["ln1", "ln2"])
            {
                if (!file.HasTensor($"{block}.{norm}.bias"))
                {
                    throw Refuse(file, $"the Whisper block {i} has no tensor '{block}.{norm}.bias' (the native warmup would abort)");
                }
            }
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
