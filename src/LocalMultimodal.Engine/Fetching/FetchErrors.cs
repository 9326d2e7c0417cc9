using LocalMultimodal.Errors;

namespace LocalMultimodal.Fetching;

/// <summary>Builds the refusals, so every message names the rule and the (shortened) URL the same way.</summary>
internal static class FetchErrors
{
    // data: URLs carry whole files; a message must name the URL without echoing the payload.
    private const int MaxShownDataUrl = 40;
    private const int MaxShownUrl = 200;

    public static MediaFetchException Refuse(string url, string rule, string reason, Exception? inner = null) =>
        new($"Media URL '{Shorten(url)}' refused by rule '{rule}': {reason}", rule, inner);

    public static string Shorten(string url)
    {
        var limit = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? MaxShownDataUrl : MaxShownUrl;
        var shown = url.Length <= limit ? url : string.Concat(url.AsSpan(0, limit), "...");

        // Control characters in a message end up in logs; show them escaped.
        return shown.Any(char.IsControl)
            ? string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : shown;
    }
}
