namespace LocalMultimodal.Hub.Download;

/// <summary>
/// An exclusive lock on a file, held across processes (.NET takes an advisory <c>flock</c> for
/// <see cref="FileShare.None"/> on Unix), so one process at a time writes a blob. The lock file stays, as
/// huggingface_hub's do: deleting it would race with the next taker.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    /// <param name="path">The lock file.</param>
    /// <param name="waiting">Called once if another holder makes this wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<FileLock> AcquireAsync(string path, Action waiting, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        bool told = false;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!told)
                {
                    waiting();
                    told = true;
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
