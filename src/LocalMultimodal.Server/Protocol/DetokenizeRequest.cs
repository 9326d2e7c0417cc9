namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /detokenize</c> (llama-server's and vLLM's): token ids. Read wide so range checks, not the reader, refuse them.</summary>
internal sealed class DetokenizeRequest
{
    public string? Model { get; set; }

    public List<long>? Tokens { get; set; }
}
