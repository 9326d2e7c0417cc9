using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench.Template;

/// <summary>
/// Python's Jinja2 (Debian's python3-jinja2) rendering the same template and context in a child process, set up
/// as Hugging Face's apply_chat_template sets it up; the template compiles once and only renders are timed.
/// </summary>
internal static class Jinja2Baseline
{
    private const string Script = """
        import json, statistics, sys, time
        from jinja2.ext import loopcontrols
        from jinja2.sandbox import ImmutableSandboxedEnvironment
        def raise_exception(message):
            raise Exception(message)
        def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
            return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
        template_file, context_file, renders = sys.argv[1], sys.argv[2], int(sys.argv[3])
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
        env.filters["tojson"] = tojson
        env.globals["raise_exception"] = raise_exception
        template = env.from_string(open(template_file, encoding="utf-8").read())
        context = json.load(open(context_file, encoding="utf-8"))
        for _ in range(max(renders // 10, 10)):
            output = template.render(**context)
        times = []
        for _ in range(renders):
            start = time.perf_counter_ns()
            output = template.render(**context)
            times.append((time.perf_counter_ns() - start) / 1000)
        print(json.dumps({"median_us": statistics.median(times), "output": output}, ensure_ascii=False))
        """;

    public static (double MedianMicroseconds, string Output) Measure(string template, JsonObject context, int renders)
    {
        string folder = Directory.CreateTempSubdirectory("localmm-jinja2-").FullName;
        try
        {
            string templateFile = Path.Combine(folder, "template.jinja");
            string contextFile = Path.Combine(folder, "context.json");
            File.WriteAllText(templateFile, template);
            File.WriteAllText(contextFile, context.ToJsonString());
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            start.Environment["PYTHONIOENCODING"] = "utf-8";
            foreach (string argument in new[] { "-c", Script, templateFile, contextFile, renders.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
            string output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException("The Jinja2 baseline failed: /usr/bin/python3 with python3-jinja2 is needed (apt-get install -y python3-jinja2).");
            }

            var result = JsonNode.Parse(output)!;
            return ((double)result["median_us"]!, (string)result["output"]!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
