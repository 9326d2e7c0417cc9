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

    /// <summary>Separates the small cases of a <c>NAME.cases</c> file; case i is named <c>NAME#i</c>.</summary>
    private const string Separator = "\n=====\n";

    public static IEnumerable<string> CaseNames => Directory.EnumerateFiles(CorpusFolder, "*.jinja")
        .Select(path => Path.GetFileNameWithoutExtension(path))
        .Concat(Directory.EnumerateFiles(CorpusFolder, "*.cases").SelectMany(path =>
            Enumerable.Range(0, File.ReadAllText(path).Split(Separator).Length).Select(i => $"{Path.GetFileNameWithoutExtension(path)}#{i}")))
        .Order(StringComparer.Ordinal);

    public static string Template(string name)
    {
        int hash = name.IndexOf('#', StringComparison.Ordinal);
        return hash < 0
            ? File.ReadAllText(Path.Combine(CorpusFolder, name + ".jinja"))
            : File.ReadAllText(Path.Combine(CorpusFolder, name[..hash] + ".cases")).Split(Separator)[int.Parse(name[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture)];
    }

    public static string Context(string name)
    {
        int hash = name.IndexOf('#', StringComparison.Ordinal);
        string path = Path.Combine(CorpusFolder, (hash < 0 ? name : name[..hash]) + ".json");
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
