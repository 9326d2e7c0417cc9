using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// Checks a model file before llama.cpp sees it: a readable GGUF that names its architecture, with tensor
/// dimensions and types, norm epsilons, vocabulary arrays and attention widths that llama.cpp would otherwise
/// abort or read out of bounds on.
/// </summary>
internal static class ModelValidator
{
    /// <exception cref="ModelLoadException">The file is missing, truncated, not a GGUF file, has no architecture, or would crash llama.cpp.</exception>
    public static GgufFile Validate(string path)
    {
        GgufFile file = Read(path);
        if (string.IsNullOrEmpty(file.GetString("general.architecture")))
        {
            throw new ModelLoadException(path, "it has no string key 'general.architecture'");
        }

        var rules = new TensorShapeRules(file);
        rules.CheckAllTensors();
        rules.CheckEpsilons();
        LlmShapes.Check(rules);

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
