namespace LocalMultimodal.Tools;

/// <summary>Picks the tool-call format from the chat template's source, as llama.cpp's chat handlers do.</summary>
internal static class ToolCallFormats
{
    /// <summary>
    /// The format the template writes calls in. <paramref name="takesTools"/> is false when the template never reads
    /// <c>tools</c> (Gemma 3, llama.cpp's built-in templates): then the tools go into the system turn and the
    /// generic format applies.
    /// </summary>
    public static ToolCallFormat Detect(string? templateSource, out bool takesTools)
    {
        takesTools = templateSource is not null && templateSource.Contains("tools", StringComparison.Ordinal);
        if (!takesTools)
        {
            return GenericToolCallFormat.Instance;
        }

        if (templateSource!.Contains(HermesToolCallFormat.Open, StringComparison.Ordinal))
        {
            return HermesToolCallFormat.Instance;
        }

        if (templateSource.Contains(MistralToolCallFormat.Open, StringComparison.Ordinal))
        {
            return MistralToolCallFormat.Instance;
        }

        if (templateSource.Contains("<|start_header_id|>", StringComparison.Ordinal) || templateSource.Contains("<|header_start|>", StringComparison.Ordinal))
        {
            return Llama3ToolCallFormat.Instance;
        }

        return GenericToolCallFormat.Instance;
    }
}
