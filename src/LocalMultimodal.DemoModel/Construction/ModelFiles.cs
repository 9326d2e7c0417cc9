namespace LocalMultimodal.Models;

/// <summary>Writes generated model files so that concurrent writers and readers never see a half-written file.</summary>
internal static class ModelFiles
{
    /// <summary>Leaves a file alone when it already has the expected bytes; (re)writes it otherwise.</summary>
    public static void EnsureContent(string path, Func<byte[]> generate)
    {
        byte[] expected = generate();
        var existing = new FileInfo(path);
        if (existing.Exists && existing.Length == expected.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected))
        {
            return;
        }

        WriteAtomically(path, expected);
    }

    /// <summary>Writes a temporary file and renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string temporary = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
