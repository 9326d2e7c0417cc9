using System.Globalization;
using LocalMultimodal.Media;

namespace LocalMultimodal.Fetching;

/// <summary>
/// Where media may be fetched from and how much of it. Bindable from configuration; call
/// <see cref="Validate"/> at start-up (the <see cref="MediaFetcher"/> constructor does).
/// </summary>
public sealed class MediaFetchOptions
{
    /// <summary>Seconds allowed to fetch one image; overrides <c>VLLM_IMAGE_FETCH_TIMEOUT</c>.</summary>
    public const string ImageTimeoutVariable = "LOCALMM_IMAGE_FETCH_TIMEOUT";

    /// <summary>Seconds allowed to fetch one video; overrides <c>VLLM_VIDEO_FETCH_TIMEOUT</c>.</summary>
    public const string VideoTimeoutVariable = "LOCALMM_VIDEO_FETCH_TIMEOUT";

    /// <summary>Seconds allowed to fetch one audio clip; overrides <c>VLLM_AUDIO_FETCH_TIMEOUT</c>.</summary>
    public const string AudioTimeoutVariable = "LOCALMM_AUDIO_FETCH_TIMEOUT";

    /// <summary><c>0</c>/<c>false</c> switches redirects off, <c>1</c>/<c>true</c> on; overrides <c>VLLM_MEDIA_URL_ALLOW_REDIRECTS</c>.</summary>
    public const string AllowRedirectsVariable = "LOCALMM_MEDIA_URL_ALLOW_REDIRECTS";

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>
    /// Host names media may be fetched from; empty or <see langword="null"/> allows any host. Matching is exact and
    /// case-insensitive on the URL's parsed host (a trailing dot and IDN forms are normalised): subdomains do NOT
    /// match, so list <c>cdn.example.com</c> as well as <c>example.com</c> when both are wanted. IP literals may be listed.
    /// Checked on every redirect hop too.
    /// </summary>
    public IList<string>? AllowedDomains { get; set; } = new List<string>();

    /// <summary>Whether HTTP redirects are followed (each hop passes every check again). Default <see langword="true"/>, as in vLLM.</summary>
    public bool AllowRedirects { get; set; } = true;

    /// <summary>The most redirect hops followed for one item. Default 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Total time to fetch one image: DNS, connect, headers and body. Default 5 s.</summary>
    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Total time to fetch one video. Default 30 s.</summary>
    public TimeSpan VideoTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Total time to fetch one audio clip. Default 10 s.</summary>
    public TimeSpan AudioTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most bytes accepted for one image (encoded, as transferred). Default 50 MiB.</summary>
    public long MaxImageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most bytes accepted for one audio clip. Default 50 MiB.</summary>
    public long MaxAudioBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most bytes accepted for one video. Default 256 MiB: videos are larger, and are still held in memory whole.</summary>
    public long MaxVideoBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The folder <c>file:</c> URLs may read from, after resolving <c>..</c> and symbolic links;
    /// <see langword="null"/> (the default) refuses every <c>file:</c> URL.
    /// </summary>
    public string? AllowedLocalMediaPath { get; set; }

    /// <summary>
    /// Whether hosts on loopback, private, link-local (cloud metadata), CGNAT, multicast or otherwise non-public addresses
    /// may be fetched. Default <see langword="false"/>; allow only where the server cannot be reached by untrusted users.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Options with the defaults, overridden by the process's environment variables.</summary>
    /// <exception cref="InvalidOperationException">A variable holds a value that cannot be used; the message names it.</exception>
    public static MediaFetchOptions FromEnvironment()
    {
        var options = new MediaFetchOptions();
        options.ApplyEnvironment(Environment.GetEnvironmentVariable);
        return options;
    }

    /// <summary>
    /// Overrides these options with the variables that are set: <c>LOCALMM_IMAGE_FETCH_TIMEOUT</c>,
    /// <c>LOCALMM_VIDEO_FETCH_TIMEOUT</c>, <c>LOCALMM_AUDIO_FETCH_TIMEOUT</c> (seconds, may be fractional) and
    /// <c>LOCALMM_MEDIA_URL_ALLOW_REDIRECTS</c> (<c>0</c>, <c>1</c>, <c>true</c>, <c>false</c>), and vLLM's
    /// <c>VLLM_*</c> names for the same settings. Where both names are set, ours win. Empty values count as unset.
    /// </summary>
    /// <param name="getVariable">Reads one variable, such as <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidOperationException">A variable holds a value that cannot be used; the message names it.</exception>
    public void ApplyEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ImageTimeout = ReadSeconds(getVariable, ImageTimeoutVariable, "VLLM_IMAGE_FETCH_TIMEOUT") ?? ImageTimeout;
        VideoTimeout = ReadSeconds(getVariable, VideoTimeoutVariable, "VLLM_VIDEO_FETCH_TIMEOUT") ?? VideoTimeout;
        AudioTimeout = ReadSeconds(getVariable, AudioTimeoutVariable, "VLLM_AUDIO_FETCH_TIMEOUT") ?? AudioTimeout;
        AllowRedirects = ReadBool(getVariable, AllowRedirectsVariable, "VLLM_MEDIA_URL_ALLOW_REDIRECTS") ?? AllowRedirects;
    }

    /// <summary>Checks every value; call at start-up so a bad setting stops the process with a clear message.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range; the message names the setting.</exception>
    public void Validate()
    {
        CheckTimeout(nameof(ImageTimeout), ImageTimeout);
        CheckTimeout(nameof(VideoTimeout), VideoTimeout);
        CheckTimeout(nameof(AudioTimeout), AudioTimeout);
        CheckPositive(nameof(MaxImageBytes), MaxImageBytes);
        CheckPositive(nameof(MaxAudioBytes), MaxAudioBytes);
        CheckPositive(nameof(MaxVideoBytes), MaxVideoBytes);
        if (MaxRedirects is < 0 or > 20)
        {
            throw Invalid($"{nameof(MaxRedirects)} must be between 0 and 20, was {MaxRedirects}.");
        }

        foreach (var domain in AllowedDomains ?? [])
        {
            if (!HostAllowlist.IsValidEntry(domain))
            {
                throw Invalid($"{nameof(AllowedDomains)} entry '{domain}' is not a host name: list bare hosts such as 'images.example.com', without scheme, port or path.");
            }
        }

        if (AllowedLocalMediaPath is { } path && (!Path.IsPathFullyQualified(path) || !Directory.Exists(path)))
        {
            throw Invalid($"{nameof(AllowedLocalMediaPath)} '{path}' must be an absolute path to an existing folder.");
        }
    }

    internal MediaFetchOptions Clone()
    {
        var copy = (MediaFetchOptions)MemberwiseClone();
        copy.AllowedDomains = AllowedDomains is null ? null : [.. AllowedDomains];
        return copy;
    }

    internal TimeSpan TimeoutFor(MediaModality modality) => modality switch
    {
        MediaModality.Image => ImageTimeout,
        MediaModality.Audio => AudioTimeout,
        MediaModality.Video => VideoTimeout,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, null),
    };

    internal long MaxBytesFor(MediaModality modality) => modality switch
    {
        MediaModality.Image => MaxImageBytes,
        MediaModality.Audio => MaxAudioBytes,
        MediaModality.Video => MaxVideoBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, null),
    };

    private static TimeSpan? ReadSeconds(Func<string, string?> getVariable, string ours, string vllms)
    {
        if (Read(getVariable, ours, vllms) is not var (name, value))
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds <= 0 || seconds > MaxTimeout.TotalSeconds)
        {
            throw Invalid($"Environment variable {name}='{value}' must be a number of seconds greater than 0 and at most {MaxTimeout.TotalSeconds}.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static bool? ReadBool(Func<string, string?> getVariable, string ours, string vllms)
    {
        if (Read(getVariable, ours, vllms) is not var (name, value))
        {
            return null;
        }

        return value.ToLowerInvariant() switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => throw Invalid($"Environment variable {name}='{value}' must be 0, 1, true or false."),
        };
    }

    private static (string Name, string Value)? Read(Func<string, string?> getVariable, string ours, string vllms)
    {
        foreach (var name in (ReadOnlySpan<string>)[ours, vllms])
        {
            if (getVariable(name)?.Trim() is { Length: > 0 } value)
            {
                return (name, value);
            }
        }

        return null;
    }

    private static void CheckTimeout(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            throw Invalid($"{name} must be greater than zero and at most one day, was {value}.");
        }
    }

    private static void CheckPositive(string name, long value)
    {
        if (value <= 0)
        {
            throw Invalid($"{name} must be greater than zero, was {value}.");
        }
    }

    private static InvalidOperationException Invalid(string message) => new($"Invalid media fetch options: {message}");
}
