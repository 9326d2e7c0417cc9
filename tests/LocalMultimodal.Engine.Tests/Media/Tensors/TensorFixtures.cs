namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>The files in Fixtures/, written by torch.save and numpy (make_fixtures.py), and the values they hold.</summary>
internal static class TensorFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "Tensors", "Fixtures", name));

    /// <summary>make_fixtures.py's ramp: (i - n/2) / 4, exact in every float type used.</summary>
    public static float[] Ramp(int n) => Enumerable.Range(0, n).Select(i => (i - (n / 2)) / 4f).ToArray();
}
