namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>How the engine took one model file.</summary>
internal enum ProbeOutcome
{
    /// <summary>Loaded and answered.</summary>
    Answered,

    /// <summary>Loaded; the request failed with one of the engine's own errors.</summary>
    AnsweredWithError,

    /// <summary>Refused at load with a <c>ModelLoadException</c>.</summary>
    Refused,

    /// <summary>A failure: an exception the engine should never throw.</summary>
    Unexpected,

    /// <summary>A failure: the process died (abort, segfault, ...).</summary>
    Crashed,

    /// <summary>A failure: no verdict within the time limit.</summary>
    Hung,

    /// <summary>A failure: the process grew past the memory limit.</summary>
    OutOfMemory,
}
