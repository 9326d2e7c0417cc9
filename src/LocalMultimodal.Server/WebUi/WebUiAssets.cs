using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace LocalMultimodal.Server.WebUi;

/// <summary>
/// The chat page's files, embedded in the server assembly (no CDN, no files beside the dll, no build step) under
/// <see cref="ResourcePrefix"/>, keyed by the URL path that serves them.
/// </summary>
internal static class WebUiAssets
{
    /// <summary>The logical-name prefix the project file gives the embedded files.</summary>
    public const string ResourcePrefix = "webui/";

    /// <summary>The URL folder of the page's scripts, styles and icon.</summary>
    public const string AssetPath = "/webui/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    /// <summary>URL path to file: <c>/</c> is <c>index.html</c>, every other file is below <see cref="AssetPath"/>.</summary>
    public static FrozenDictionary<string, WebUiAsset> ByPath { get; } = Load(typeof(WebUiAssets).Assembly);

    private static FrozenDictionary<string, WebUiAsset> Load(Assembly assembly)
    {
        var assets = new Dictionary<string, WebUiAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            string file = name[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] content = buffer.ToArray();
            string contentType = ContentTypes.TryGetValue(Path.GetExtension(file), out string? type)
                ? type
                : throw new InvalidOperationException($"The web UI file '{file}' has no known content type.");
            var asset = new WebUiAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            assets[file == "index.html" ? "/" : AssetPath + file] = asset;
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
