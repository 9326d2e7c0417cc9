using LocalMultimodal.Media;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Fresh images for each run: every call returns images not seen before in this process, so no run is
/// served from an earlier run's media or prefix cache. The sequence is the same in every process.
/// </summary>
internal sealed class BenchImages(int size)
{
    private int _seed;

    public int Size => size;

    public byte[][] Next(int count) => [.. Enumerable.Range(0, count).Select(_ => BenchPrompt.Image(size, ++_seed))];

    public MediaInput[] AsMedia(IEnumerable<byte[]> images) =>
        [.. images.Select(rgb => ImageInput.FromPixels(size, size, PixelFormat.Rgb24, rgb))];
}
