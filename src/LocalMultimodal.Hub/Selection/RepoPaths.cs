using System.Text.RegularExpressions;

namespace LocalMultimodal.Hub.Selection;

/// <summary>
/// Checks names that come from the hub before any becomes a path on disk: file paths of a listing, LFS hashes
/// and commit ids. A listing is untrusted input.
/// </summary>
internal static partial class RepoPaths
{
    /// <summary>The reason <paramref name="path"/> is refused, or null when it is a safe relative path.</summary>
    public static string? Refusal(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the name is empty";
        }

        if (path.Length > 1024)
        {
            return "the name is longer than 1024 characters";
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
        {
            return "it is an absolute path or has a drive or backslash";
        }

        foreach (string segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return "it has an empty, '.' or '..' segment";
            }

            if (segment.Length > 255)
            {
                return "a segment is longer than 255 characters";
            }
        }

        return SafeCharacters().IsMatch(path) ? null : "it has characters other than letters, digits, space and ._-+()[]@,=~";
    }

    public static bool IsSha256(string? value) => value is not null && Sha256Form().IsMatch(value);

    public static bool IsCommit(string? value) => value is not null && CommitForm().IsMatch(value);

    [GeneratedRegex(@"^[\p{L}\p{N} ._+()\[\]@,=~/-]+$")]
    private static partial Regex SafeCharacters();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Form();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitForm();
}
