using LocalMultimodal.Generation;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>OpenAI's names for why generation ended.</summary>
internal static class FinishReasons
{
    public static string ToOpenAI(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        FinishReason.ToolCalls => "tool_calls",

        // The engine stops requests only when it shuts down: that is an error for the client, not an answer.
        _ => throw ApiException.Unavailable("The server shut down before the answer was complete.", "shutting_down"),
    };
}
