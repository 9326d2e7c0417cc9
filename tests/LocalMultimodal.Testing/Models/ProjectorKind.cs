namespace LocalMultimodal.Models;

/// <summary>The multimodal projectors (mmproj files) the generator can write.</summary>
public enum ProjectorKind
{
    /// <summary>Vision, <c>gemma3</c> (Gemma 3): SigLIP-style ViT, 2×2 average pool; 16 tokens per image.</summary>
    Gemma3,

    /// <summary>Vision, <c>mlp</c> (LLaVA-1.5): CLIP ViT with class token, two-layer MLP; 64 tokens per image.</summary>
    Mlp,

    /// <summary>Vision, <c>idefics3</c> (SmolVLM): tiles images of 128 px into 2×2 + 1 overview chunks of 16 tokens.</summary>
    Idefics3,

    /// <summary>Audio, <c>qwen2a</c> (Qwen2-Audio): Whisper encoder; 1500 tokens for a clip of up to 31 s.</summary>
    Qwen2Audio,

    /// <summary>Audio, <c>ultravox</c> with stack factor 4: Whisper encoder; 750 tokens for a clip of up to 31 s.</summary>
    Ultravox,

    /// <summary>Vision and audio in one file: <c>gemma3</c> vision plus <c>qwen2a</c> audio.</summary>
    Omni,

    /// <summary>
    /// Vision, <c>qwen2vl_merger</c> (Qwen2-VL): dynamic resolution, one token per 16×16 pixels, M-RoPE positions;
    /// needs the <c>qwen2vl</c> LLM (<see cref="GeneratedModelSet.MRopeLlm"/>).
    /// </summary>
    Qwen2VL,

    /// <summary>Vision, <c>qwen2.5vl_merger</c> (Qwen2.5-VL): as <see cref="Qwen2VL"/> with RMSNorm, SiLU and window attention.</summary>
    Qwen25VL,
}
