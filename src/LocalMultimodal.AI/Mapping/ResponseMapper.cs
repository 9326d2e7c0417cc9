using LocalMultimodal.Generation;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Engine finish reasons and token counts in Microsoft.Extensions.AI terms.</summary>
internal static class ResponseMapper
{
    /// <summary>The engine stopped the request itself (it is shutting down); M.E.AI has no reason of its own for it.</summary>
    public static readonly ChatFinishReason Cancelled = new("cancelled");

    public static ChatFinishReason ToFinishReason(FinishReason reason) => reason switch
    {
        FinishReason.Stop => ChatFinishReason.Stop,
        FinishReason.Length => ChatFinishReason.Length,
        FinishReason.ToolCalls => ChatFinishReason.ToolCalls,
        _ => Cancelled,
    };

    /// <summary>An engine call as M.E.AI's content: the arguments object becomes a dictionary of JSON values.</summary>
    public static FunctionCallContent ToFunctionCall(Prompts.ChatToolCall call) =>
        new(call.Id, call.Name, call.Arguments.ToDictionary(p => p.Key, p => (object?)(p.Value is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(p.Value)), StringComparer.Ordinal))
        {
            RawRepresentation = call,
        };

    public static UsageDetails ToUsageDetails(TokenUsage usage) => new()
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.CachedPromptTokens,
        AdditionalCounts = new()
        {
            [LocalMultimodalUsageKeys.InputTextTokens] = usage.TextTokens,
            [LocalMultimodalUsageKeys.InputImageTokens] = usage.ImageTokens,
            [LocalMultimodalUsageKeys.InputAudioTokens] = usage.AudioTokens,
        },
    };
}
