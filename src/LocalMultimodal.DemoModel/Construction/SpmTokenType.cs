namespace LocalMultimodal.Models;

/// <summary>llama.cpp's token attributes as stored in <c>tokenizer.ggml.token_type</c>.</summary>
internal enum SpmTokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,

    /// <summary>Split out of text even without parse_special, and rendered as text (how Qwen2.5 GGUFs store <c>&lt;tool_call&gt;</c>).</summary>
    UserDefined = 4,
    Byte = 6,
}
