namespace LocalMultimodal.Media;

/// <summary>
/// Media bytes written to a temp file of our own for ffmpeg to read (MP4 with its index at the end
/// needs a seekable input, which a pipe is not). The file is deleted on dispose, on every path.
/// </summary>
internal sealed class FfmpegInputFile : IDisposable
{
    private FfmpegInputFile(string path) => Path = path;

    /// <summary>The file's full path; a name we chose, so no user text reaches ffmpeg's command line.</summary>
    public string Path { get; }

    /// <summary>Writes the bytes to a new file in <paramref name="directory"/> (the system temp folder when null).</summary>
    public static async Task<FfmpegInputFile> CreateAsync(ReadOnlyMemory<byte> bytes, string? directory, CancellationToken cancellationToken)
    {
        // A neutral extension: ffmpeg must recognise the content by probing, not by a name that
        // could select a playlist demuxer.
        string path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"lmm-media-{Guid.NewGuid():N}.bin");
        var file = new FfmpegInputFile(path);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var stream = new FileStream(path, options);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Nothing more can be done; the name is random and the content is the caller's own.
        }
    }
}
