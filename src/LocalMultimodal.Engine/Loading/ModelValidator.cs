using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>Checks a model file before llama.cpp sees it: a readable GGUF that names its architecture.</summary>
internal static class ModelValidator
{
    /// <exception cref="ModelLoadException">The file is missing, truncated, not a GGUF file or has no architecture.</exception>
    public static GgufFile Validate(string path)
    {
        GgufFile file = Read(path);
        if (string.IsNullOrEmpty(file.GetString("general.architecture")))
        {
            throw new ModelLoadException(path, "it has no string key 'general.architecture'");
        }

        return file;
    }

    /// <summary>Reads the GGUF header, turning format errors into <see cref="ModelLoadException"/>.</summary>
    internal static GgufFile Read(string path)
    {
        try
        {
            return GgufReader.Read(path);
        }
        catch (GgufFormatException e)
        {
            throw new ModelLoadException(path, e.Problem, e);
        }
    }
}
