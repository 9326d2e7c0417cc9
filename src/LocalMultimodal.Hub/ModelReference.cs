using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace LocalMultimodal.Hub;

/// <summary>
/// A model on a Hugging Face–compatible hub, as <c>owner/repo[:quant]</c> (llama-server's <c>-hf</c> form):
/// <c>ggml-org/gemma-3-4b-it-GGUF:Q4_K_M</c>. The quant tag is matched case-insensitively against the tags in the
/// repository's GGUF file names; without one, Q4_K_M is taken when it exists, else the smallest file.
/// </summary>
/// <param name="Repository">The repository id, <c>owner/name</c>.</param>
/// <param name="Quant">The quant tag (such as <c>Q8_0</c>), or null for the default.</param>
public sealed partial record ModelReference(string Repository, string? Quant)
{
    /// <summary>
    /// True when <paramref name="model"/> names a file rather than a hub model: an existing file, a name ending in
    /// <c>.gguf</c>, or one starting with <c>/</c>, <c>.</c> or <c>~</c>. Everything else is read as <c>owner/repo[:quant]</c>.
    /// </summary>
    public static bool IsPath(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return File.Exists(model)
            || model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
            || model.StartsWith('/') || model.StartsWith('.') || model.StartsWith('~');
    }

    /// <summary>Reads <paramref name="text"/> as a hub reference, when <see cref="IsPath"/> is false and it has the form.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text) || IsPath(text))
        {
            return false;
        }

        var match = Form().Match(text);
        if (!match.Success || text.Contains("--", StringComparison.Ordinal) || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        reference = new ModelReference(match.Groups["repo"].Value, match.Groups["quant"].Success ? match.Groups["quant"].Value : null);
        return true;
    }

    /// <summary>Reads <paramref name="text"/> as a hub reference.</summary>
    /// <exception cref="FormatException">It is not of the form <c>owner/repo[:quant]</c>.</exception>
    public static ModelReference Parse(string text) =>
        TryParse(text, out var reference)
            ? reference
            : throw new FormatException($"'{text}' is not a model reference of the form owner/repo[:quant] (for example ggml-org/gemma-3-4b-it-GGUF:Q4_K_M).");

    /// <inheritdoc/>
    public override string ToString() => Quant is null ? Repository : $"{Repository}:{Quant}";

    // The hub's own rule for names: letters, digits, '.', '_', '-', not starting with '.' or '-', at most 96 characters.
    [GeneratedRegex(@"^(?<repo>[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95})(?::(?<quant>[A-Za-z0-9][A-Za-z0-9_.-]{0,31}))?$")]
    private static partial Regex Form();
}
