using System.Text.RegularExpressions;

namespace LocalMultimodal.Hub;

/// <summary><see cref="HubOptions"/> with every null filled in from the environment, and checked.</summary>
internal sealed partial class HubSettings
{
    public const string DefaultEndpoint = "https://huggingface.co";

    private HubSettings(Uri endpoint, string? token, string cacheDirectory, bool offline, HubOptions options)
    {
        Endpoint = endpoint;
        Token = token;
        CacheDirectory = cacheDirectory;
        Offline = offline;
        Revision = options.Revision;
        MaxRetries = options.MaxRetries;
        RetryDelay = options.RetryDelay;
        ReadTimeout = options.ReadTimeout;
        MaxRedirects = options.MaxRedirects;
    }

    public Uri Endpoint { get; }

    public string? Token { get; }

    public string CacheDirectory { get; }

    public bool Offline { get; }

    public string Revision { get; }

    public int MaxRetries { get; }

    public TimeSpan RetryDelay { get; }

    public TimeSpan ReadTimeout { get; }

    public int MaxRedirects { get; }

    /// <exception cref="ArgumentException">An option or variable is wrong; the message names it.</exception>
    public static HubSettings From(HubOptions options, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        string endpointText = (options.Endpoint ?? NonEmpty(getVariable("HF_ENDPOINT")) ?? DefaultEndpoint).TrimEnd('/');
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The hub endpoint (HubOptions.Endpoint or HF_ENDPOINT) must be an http or https URL, not '{endpointText}'.", nameof(options));
        }

        if (!RevisionForm().IsMatch(options.Revision) || options.Revision.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"HubOptions.Revision '{options.Revision}' is not a branch, tag or commit name.", nameof(options));
        }

        Require(options.MaxRetries is >= 0 and <= 100, "MaxRetries", "must be from 0 to 100");
        Require(options.RetryDelay >= TimeSpan.Zero, "RetryDelay", "must not be negative");
        Require(options.ReadTimeout > TimeSpan.Zero, "ReadTimeout", "must be positive");
        Require(options.MaxRedirects is >= 0 and <= 20, "MaxRedirects", "must be from 0 to 20");

        string home = NonEmpty(getVariable("HF_HOME")) ?? Path.Combine(
            NonEmpty(getVariable("XDG_CACHE_HOME")) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "huggingface");
        string cache = options.CacheDirectory ?? NonEmpty(getVariable("HF_HUB_CACHE")) ?? Path.Combine(home, "hub");
        string? token = options.Token ?? NonEmpty(getVariable("HF_TOKEN")) ?? ReadTokenFile(Path.Combine(home, "token"));
        bool offline = options.Offline ?? NonEmpty(getVariable("HF_HUB_OFFLINE")) is "1" or "true" or "TRUE" or "True" or "yes" or "on";
        return new HubSettings(endpoint, token, Path.GetFullPath(cache), offline, options);
    }

    /// <summary>True when <paramref name="uri"/> is on the hub's own scheme, host and port: the only place the token goes.</summary>
    public bool IsHubHost(Uri uri) =>
        string.Equals(uri.Scheme, Endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == Endpoint.Port;

    private static string? ReadTokenFile(string path)
    {
        try
        {
            return File.Exists(path) ? NonEmpty(File.ReadAllText(path).Trim()) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Require(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"HubOptions.{name} {rule}.", name);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$")]
    private static partial Regex RevisionForm();
}
