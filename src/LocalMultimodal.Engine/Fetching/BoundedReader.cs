using System.Buffers;

namespace LocalMultimodal.Fetching;

/// <summary>Reads a stream to the end, refusing as soon as it passes a byte limit, so an endless body never fills memory.</summary>
internal static class BoundedReader
{
    private const int ChunkSize = 81920;

    /// <param name="stream">The body.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="expectedLength">A declared length, used only to size the buffer (never trusted for the limit).</param>
    /// <param name="tooLarge">Builds the refusal.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<byte[]> ReadAsync(
        Stream stream, long maxBytes, long? expectedLength, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var capacity = (int)Math.Min(Math.Min(expectedLength ?? ChunkSize, maxBytes), Array.MaxLength);
        using var output = new MemoryStream(capacity);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw tooLarge();
                }

                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return output.ToArray();
    }
}
