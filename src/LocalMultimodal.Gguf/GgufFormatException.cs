namespace LocalMultimodal.Gguf;

/// <summary>A file is missing, unreadable, truncated or not a well-formed GGUF file.</summary>
public sealed class GgufFormatException : Exception
{
    /// <summary>A problem with the file at <paramref name="path"/>.</summary>
    public GgufFormatException(string path, string problem, Exception? innerException = null)
        : base($"'{path}' is not a readable GGUF file: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
