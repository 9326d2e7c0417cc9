using System.Text.RegularExpressions;

namespace LocalMultimodal.Hub.Selection;

/// <summary>
/// Picks the language model and the projector out of a repository's files, as llama-server's <c>-hf</c> does:
/// the GGUF whose name carries the quant tag asked for (Q4_K_M by default, else the smallest), and the
/// <c>mmproj*.gguf</c> at the highest precision (F16, then BF16, then F32, then the smallest).
/// </summary>
internal static partial class GgufSelector
{
    public const string DefaultQuant = "Q4_K_M";

    private static readonly string[] ProjectorPreference = ["F16", "BF16", "F32"];

    /// <summary>The quant tag in a GGUF file's name (<c>model-Q4_K_M.gguf</c> gives <c>Q4_K_M</c>); null when there is none.</summary>
    public static string? QuantOf(string path)
    {
        var match = QuantTag().Match(path[(path.LastIndexOf('/') + 1)..]);
        return match.Success ? match.Groups["quant"].Value.ToUpperInvariant() : null;
    }

    public static bool IsProjector(string path) =>
        path[(path.LastIndexOf('/') + 1)..].StartsWith("mmproj", StringComparison.OrdinalIgnoreCase) && IsGguf(path);

    /// <summary>The language model files: GGUFs that are not projectors and not parts of a split model.</summary>
    public static IEnumerable<T> Models<T>(IEnumerable<T> files, Func<T, string> path) =>
        files.Where(f => IsGguf(path(f)) && !IsProjector(path(f)) && !SplitPart().IsMatch(path(f)));

    /// <summary>The model file for <paramref name="quant"/>; null when none matches. Sizes choose the default.</summary>
    public static T? PickModel<T>(IReadOnlyList<T> models, Func<T, string> path, Func<T, long> size, string? quant)
        where T : class
    {
        if (quant is not null)
        {
            return models.Where(m => string.Equals(QuantOf(path(m)), quant, StringComparison.OrdinalIgnoreCase)).OrderBy(path, StringComparer.Ordinal).FirstOrDefault();
        }

        return models.FirstOrDefault(m => QuantOf(path(m)) == DefaultQuant)
            ?? models.OrderBy(size).ThenBy(path, StringComparer.Ordinal).FirstOrDefault();
    }

    public static T? PickProjector<T>(IEnumerable<T> files, Func<T, string> path, Func<T, long> size)
        where T : class
    {
        var projectors = files.Where(f => IsProjector(path(f))).ToList();
        foreach (string precision in ProjectorPreference)
        {
            if (projectors.FirstOrDefault(p => QuantOf(path(p)) == precision) is { } best)
            {
                return best;
            }
        }

        return projectors.OrderBy(size).ThenBy(path, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The quant tags of the model files, for an error that lists what exists.</summary>
    public static string DescribeQuants(IEnumerable<string> modelPaths)
    {
        var quants = modelPaths.Select(p => QuantOf(p) ?? p[(p.LastIndexOf('/') + 1)..]).Distinct().Order(StringComparer.Ordinal).ToList();
        return quants.Count == 0 ? "none" : string.Join(", ", quants);
    }

    private static bool IsGguf(string path) => path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[-._](?<quant>(?:UD-)?(?:I?Q\d[A-Z0-9_]*|BF16|F16|F32|MXFP4[A-Z0-9_]*))\.gguf$", RegexOptions.IgnoreCase)]
    private static partial Regex QuantTag();

    [GeneratedRegex(@"-\d{5}-of-\d{5}\.gguf$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitPart();
}
