using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>POST /apply-template</c> (llama-server's): a chat request's messages, tools and template options.</summary>
internal sealed class ApplyTemplateRequest
{
    public string? Model { get; set; }

    public List<ChatMessage>? Messages { get; set; }

    public JsonElement? Tools { get; set; }

    public JsonElement? ChatTemplateKwargs { get; set; }
}
