namespace LocalMultimodal.Errors;

/// <summary>A media URL was refused or could not be fetched. The message names the rule and the URL.</summary>
public sealed class MediaFetchException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public MediaFetchException(string message, string rule, Exception? innerException = null)
        : base(message, "media_fetch_refused", innerException) => Rule = rule;

    /// <summary>The rule that refused the URL, such as <c>private_address</c>, <c>domain</c>, <c>size</c> or <c>timeout</c>.</summary>
    public string Rule { get; }
}
