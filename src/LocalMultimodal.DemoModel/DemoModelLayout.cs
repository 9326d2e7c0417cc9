namespace LocalMultimodal.Models;

/// <summary>
/// Which projector the demo model comes with. The LLM is the same for all; each layout exercises a different
/// libmtmd projector type with the same answers.
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
}
