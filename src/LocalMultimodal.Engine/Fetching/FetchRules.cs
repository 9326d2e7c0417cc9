namespace LocalMultimodal.Fetching;

/// <summary>The <see cref="Errors.MediaFetchException.Rule"/> values the fetcher uses, so callers and tests can match on them.</summary>
internal static class FetchRules
{
    public const string Scheme = "scheme";
    public const string MalformedUrl = "malformed_url";
    public const string UserInfo = "user_info";
    public const string Domain = "domain";
    public const string PrivateAddress = "private_address";
    public const string Dns = "dns";
    public const string Redirect = "redirect";
    public const string RedirectLimit = "redirect_limit";
    public const string Size = "size";
    public const string Timeout = "timeout";
    public const string HttpStatus = "http_status";
    public const string Connection = "connection";
    public const string DataUrl = "data_url";
    public const string LocalPath = "local_path";
}
