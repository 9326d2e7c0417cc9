using SharpFuzz;

namespace LocalMultimodal.Fuzz.Parsers;

/// <summary>
/// One parser target under afl++: SharpFuzz's out-of-process loop hands afl's inputs to the target. Only
/// meaningful after <c>sharpfuzz</c> has instrumented the assemblies (fuzz/run.sh does); an uncaught exception
/// is reported to afl as a crash.
/// </summary>
internal static class AflEntry
{
    public static int Run(string target)
    {
        if (!ParserTargets.All.TryGetValue(target, out Action<byte[]>? action))
        {
            Console.Error.WriteLine($"unknown target '{target}'; known: {string.Join(", ", ParserTargets.All.Keys)}");
            return 2;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            action(bytes.ToArray());
        });
        return 0;
    }

    /// <summary>Writes the target's seeds as afl's starting corpus.</summary>
    public static int WriteSeeds(string target, string folder)
    {
        Directory.CreateDirectory(folder);
        int i = 0;
        foreach (byte[] seed in ParserSeeds.For(target))
        {
            File.WriteAllBytes(Path.Combine(folder, $"seed-{i++}"), seed);
        }

        return i == 0 ? 1 : 0;
    }
}
