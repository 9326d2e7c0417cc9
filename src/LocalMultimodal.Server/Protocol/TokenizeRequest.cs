namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /tokenize</c>: llama-server's (<c>content</c>, <c>add_special</c>, <c>parse_special</c>, <c>with_pieces</c>) or vLLM's (<c>prompt</c>, <c>add_special_tokens</c>).</summary>
internal sealed class TokenizeRequest
{
    public string? Model { get; set; }

    public string? Content { get; set; }

    public string? Prompt { get; set; }

    public bool? AddSpecial { get; set; }

    public bool? AddSpecialTokens { get; set; }

    public bool? ParseSpecial { get; set; }

    public bool? WithPieces { get; set; }
}
