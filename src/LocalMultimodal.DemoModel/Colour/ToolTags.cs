namespace LocalMultimodal.Models;

/// <summary>
/// The Hermes / Qwen2.5 tool tags of the colour model's vocabulary, appended as user-defined tokens after every
/// other token so that no existing id moves.
/// </summary>
internal static class ToolTags
{
    public const string Tools = "<tools>";
    public const string ToolsEnd = "</tools>";
    public const string Call = "<tool_call>";
    public const string CallEnd = "</tool_call>";
    public const string Response = "<tool_response>";
    public const string ResponseEnd = "</tool_response>";

    /// <summary>In vocabulary order.</summary>
    public static readonly IReadOnlyList<string> All = [Tools, ToolsEnd, Call, CallEnd, Response, ResponseEnd];
}
