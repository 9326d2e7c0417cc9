namespace LocalMultimodal.Errors;

/// <summary>A model or projector file could not be loaded. The message names the file and the reason.</summary>
public sealed class ModelLoadException : MultimodalException
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string path, string reason, Exception? innerException = null)
        : base($"Cannot load '{path}': {reason}", "model_load_failed", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file that failed.</summary>
    public string Path { get; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; }
}
