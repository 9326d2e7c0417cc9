namespace LocalMultimodal.Errors;

/// <summary>The caller's input is wrong: bad media, too many media for the markers, out-of-range sampling values, ...</summary>
public class InvalidRequestException : MultimodalException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRequestException(string message, string code = "invalid_request", Exception? innerException = null)
        : base(message, code, innerException)
    {
    }
}
