namespace LocalMultimodal.Models;

/// <summary>
/// Which projector the demo model comes with. The LLM is the same for all but <see cref="Qwen25VL"/>; each layout
/// exercises a different libmtmd projector type with the same answers.
/// </summary>
public enum DemoModelLayout
{
    /// <summary>Images and audio in one file: <c>gemma3</c> vision plus <c>qwen2a</c> audio. The default.</summary>
    Omni,

    /// <summary>Images only, projector <c>gemma3</c>: 16 tokens per image, black letterbox bars.</summary>
    Gemma3,

    /// <summary>Images only, projector <c>mlp</c> (LLaVA-1.5): 64 tokens per image, mean-colour letterbox bars.</summary>
    Llava,

    /// <summary>Audio only, projector <c>qwen2a</c> (Qwen2-Audio): 1500 tokens per clip of up to 31 s.</summary>
    Qwen2Audio,

    /// <summary>
    /// The Qwen2.5-VL family: projector <c>qwen2.5vl_merger</c> (dynamic resolution, one token per 16×16 pixels,
    /// no letterbox, M-RoPE positions) with <c>qwen2a</c> audio in the same file as Qwen2.5-Omni has it, and the LLM
    /// as a <c>qwen2vl</c> model (its own file, <c>colour-llm-qwen2vl.gguf</c>).
    /// </summary>
    Qwen25VL,
}
