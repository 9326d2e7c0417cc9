using System.Globalization;
using LocalMultimodal.Fuzz.ModelFiles;
using LocalMultimodal.Fuzz.Parsers;
using LocalMultimodal.Fuzz.Requests;

namespace LocalMultimodal.Fuzz;

/// <summary>
/// <c>models [--seed S] [--cases N] [--first N] [--minutes M] [--out DIR] [--verbose]</c>: the model-file fuzzer;
/// <c>probe-worker</c>: its child; <c>requests [--seed S] [--count N] [--parallel P]</c>: mutated requests to a live server; <c>afl TARGET</c>: one parser target under SharpFuzz and afl++;
/// <c>seeds TARGET DIR</c>: its starting corpus; <c>targets</c>: the parser target names.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "probe-worker":
                return await ProbeWorker.RunAsync(Console.In, Console.Out);
            case "models":
                return RunModels(args[1..]);
            case "requests":
                return await RunRequestsAsync(args[1..]);
            case "afl" when args.Length == 2:
                return AflEntry.Run(args[1]);
            case "seeds" when args.Length == 3:
                return AflEntry.WriteSeeds(args[1], args[2]);
            case "targets":
                Console.WriteLine(string.Join('\n', ParserTargets.All.Keys));
                return 0;
            default:
                Console.Error.WriteLine("usage: models [--seed S] [--cases N] [--first N] [--minutes M] [--out DIR] [--verbose] | requests [--seed S] [--count N] [--parallel P] | probe-worker | afl TARGET | seeds TARGET DIR | targets");
                return 2;
        }
    }

    private static int RunModels(string[] args)
    {
        int seed = Option(args, "--seed", 1);
        int cases = Option(args, "--cases", 500);
        int first = Option(args, "--first", 0);
        int minutes = Option(args, "--minutes", 0);
        string output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), $"localmm-fuzz-{seed}");
        Directory.CreateDirectory(output);
        var fixtures = new FuzzFixtures(Path.Combine(output, "fixtures"));
        using var client = new ProbeClient(TimeSpan.FromSeconds(60), maxResidentBytes: 4L << 30);
        var run = new ModelFuzzRun(fixtures, output, client, Console.Out, verbose: args.Contains("--verbose"));
        ModelFuzzReport report = run.Run(seed, first, cases, minutes > 0 ? TimeSpan.FromMinutes(minutes) : null);
        Console.WriteLine(report);
        Console.WriteLine($"failing files and descriptions: {output}");
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task<int> RunRequestsAsync(string[] args)
    {
        using var server = await ServerUnderFuzz.StartAsync(ServerArguments);
        var run = new RequestFuzzRun(server, Console.Out);
        RequestFuzzReport report = await run.RunAsync(Option(args, "--seed", 1), Option(args, "--count", 1000), Option(args, "--parallel", 4));
        Console.WriteLine(report);
        report.Failures.ForEach(Console.WriteLine);
        return report.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The server as the request fuzzer runs it: the demo model, embeds on, small caches, no real fetches.</summary>
    public static string[] ServerArguments =>
        ["--enable-mm-embeds", "--allowed-media-domains", "media.invalid", "--mm-processor-cache-gb", "0.05", "--parallel", "2", "--ctx-size", "2048"];

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
