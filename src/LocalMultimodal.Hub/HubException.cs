namespace LocalMultimodal.Hub;

/// <summary>A model could not be found, fetched or verified; the message says why and what to do.</summary>
public sealed class HubException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public HubException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public HubException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
