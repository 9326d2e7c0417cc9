using System.Diagnostics;
using System.Text.Json;

namespace LocalMultimodal.Jinja.Tests.Oracle;

/// <summary>Renders the whole corpus once with Python's Jinja2 (Debian's python3-jinja2) in one child process.</summary>
internal static class JinjaOracle
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<IReadOnlyDictionary<string, OracleResult>> LazyResults = new(Run);

    public static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static IReadOnlyDictionary<string, OracleResult> Results => LazyResults.Value;

    public static IEnumerable<string> CaseNames => Directory.EnumerateFiles(CorpusFolder, "*.jinja")
        .Select(Path.GetFileNameWithoutExtension)
        .Order(StringComparer.Ordinal)!;

    public static string Template(string name) => File.ReadAllText(Path.Combine(CorpusFolder, name + ".jinja"));

    public static string Context(string name)
    {
        string path = Path.Combine(CorpusFolder, name + ".json");
        return File.Exists(path) ? File.ReadAllText(path) : "{}";
    }

    private static Dictionary<string, OracleResult> Run()
    {
        const string Install = "The Jinja oracle tests need Python 3 with Jinja2 at /usr/bin/python3: install it with `apt-get install -y python3-jinja2` (see README prerequisites).";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing. {Install}");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Oracle", "render.py"));
        start.ArgumentList.Add(CorpusFolder);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("The Jinja2 oracle did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            string stderr = error.Result;
            throw new InvalidOperationException(stderr.Contains("No module named 'jinja2'", StringComparison.Ordinal)
                ? $"Jinja2 is not installed for {Python}. {Install}"
                : $"The Jinja2 oracle failed (exit {process.ExitCode}): {stderr}");
        }

        using var document = JsonDocument.Parse(output);
        var results = new Dictionary<string, OracleResult>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            JsonElement value = property.Value;
            results[property.Name] = new OracleResult(
                value.TryGetProperty("output", out JsonElement o) ? o.GetString() : null,
                value.TryGetProperty("error", out JsonElement e) ? e.GetString() : null,
                value.TryGetProperty("raised", out JsonElement r) ? r.GetString() : null);
        }

        return results;
    }
}
