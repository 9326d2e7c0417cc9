using System.Diagnostics;
using CsCheck;
using LocalMultimodal.Fuzz.Parsers;

namespace LocalMultimodal.Fuzz.Tests.Parsers;

/// <summary>
/// Each parser target on generated inputs (its valid seeds with one to five byte edits, and random bytes):
/// it must accept or refuse each with its own error, within a time and allocation bound. The same targets run
/// coverage-guided under afl++ with <c>fuzz/run.sh TARGET SECONDS</c>.
/// </summary>
public sealed class ParserPropertyTests
{
    /// <summary>Seconds per target: nine targets stay well under a minute.</summary>
    private const int SecondsPerTarget = 3;

    /// <summary>One input may take this long (a hang is a failure)...</summary>
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    /// <summary>...and allocate this much (decoding a 4096x4096 image is the largest legitimate case).</summary>
    private const long MaxAllocatedBytes = 256L << 20;

    public static TheoryData<string> Targets => new(ParserTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_refuses_bad_input_cleanly_in_bounded_time_and_memory(string target)
    {
        Action<byte[]> parse = ParserTargets.All[target];
        byte[][] seeds = [.. ParserSeeds.For(target)];
        Assert.NotEmpty(seeds);
        foreach (byte[] seed in seeds)
        {
            parse(seed); // the seeds themselves parse (and the JIT is warm before timing)
        }

        Gen<ByteMutation> mutation = Gen.Select(Gen.Int[0, ByteMutation.Kinds - 1], Gen.Int, Gen.Byte.Array[1, 16], (k, p, d) => new ByteMutation(k, p, d));
        Gen<byte[]> mutated = Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 5], (s, m) => ByteMutation.ApplyAll(seeds[s], m));
        Gen<byte[]> inputs = Gen.Frequency((9, mutated), (1, Gen.Byte.Array[0, 256]));
        int count = 0;

        inputs.Sample(
            input =>
            {
                count++;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                parse(input);
                Assert.True(clock.Elapsed < MaxTime, $"{target}: {clock.Elapsed.TotalSeconds:0.0} s on one input of {input.Length} bytes");
                long used = GC.GetAllocatedBytesForCurrentThread() - allocated;
                Assert.True(used < MaxAllocatedBytes, $"{target}: allocated {used >> 20} MiB for an input of {input.Length} bytes");
            },
            time: SecondsPerTarget,
            threads: 1,
            print: input => $"{input.Length} bytes: {Convert.ToBase64String(input)}");

        Assert.True(count > 50, $"{target}: only {count} inputs ran");
    }
}
