namespace LocalMultimodal.Errors;

/// <summary>Base type of every error the engine raises on purpose.</summary>
public class MultimodalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MultimodalException(string message, string code, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>A short machine-readable code, such as <c>invalid_media</c> or <c>context_length_exceeded</c>.</summary>
    public string Code { get; }

    /// <summary>The request field the error is about, when there is one (OpenAI's <c>param</c>).</summary>
    public string? Param { get; init; }
}
