namespace LocalMultimodal.Models;

/// <summary>llama.cpp's token attributes as stored in <c>tokenizer.ggml.token_type</c>.</summary>
internal enum SpmTokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    Byte = 6,
}
