using Microsoft.Extensions.Logging;

namespace LocalMultimodal.AI;

/// <summary>The client's log events. Prompt and media content are never logged; URLs only at Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loading model {ModelPath} with projector {ProjectorPath}")]
    public static partial void ModelLoading(ILogger logger, string modelPath, string? projectorPath);

    [LoggerMessage(2, LogLevel.Information, "Loaded model {ModelName} in {ElapsedMilliseconds} ms")]
    public static partial void ModelLoaded(ILogger logger, string modelName, long elapsedMilliseconds);

    [LoggerMessage(3, LogLevel.Debug, "Response {ResponseId} started: {MessageCount} messages, {MediaCount} media items")]
    public static partial void ResponseStarted(ILogger logger, string responseId, int messageCount, int mediaCount);

    [LoggerMessage(4, LogLevel.Debug, "Response {ResponseId} finished ({FinishReason}): {PromptTokens} prompt and {CompletionTokens} completion tokens")]
    public static partial void ResponseFinished(ILogger logger, string responseId, string finishReason, int promptTokens, int completionTokens);

    [LoggerMessage(5, LogLevel.Trace, "Fetching {Modality} media from {Url}")]
    public static partial void FetchingMedia(ILogger logger, string modality, string url);
}
