namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// One model-file case: which fixture, which run seed and case number. The mutation follows from these alone,
/// so <c>fuzz models --seed S --case N</c> (or a regression test) rebuilds the same file.
/// </summary>
internal sealed record FuzzCase(int Seed, int Number)
{
    /// <summary>The fixture this case mutates, picked by the same seed.</summary>
    public FuzzFixture Fixture(FuzzFixtures fixtures) => fixtures.All[new Random(MutationSeed).Next(fixtures.All.Count)];

    /// <summary>The seed of the case's own generator: the run seed and the case number mixed.</summary>
    public int MutationSeed => StableMix(Seed, Number);

    public (byte[] Bytes, string Description) Build(FuzzFixtures fixtures)
    {
        FuzzFixture fixture = Fixture(fixtures);
        (byte[] bytes, string mutation) = ModelMutator.Mutate(fixtures.Map(fixture), MutationSeed + 1);
        return (bytes, $"{fixture.Name} seed {Seed} case {Number}: {mutation}");
    }

    // HashCode is randomised per process; cases must be reproducible across runs.
    private static int StableMix(int seed, int number)
    {
        ulong x = ((ulong)(uint)seed << 32) | (uint)number;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return (int)(x & int.MaxValue);
    }
}
