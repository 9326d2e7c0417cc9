namespace LocalMultimodal.Hub;

/// <summary>How far one file's download is; reported through <see cref="IProgress{T}"/> a few times a second.</summary>
/// <param name="Repository">The repository id.</param>
/// <param name="FileName">The file's path in the repository.</param>
/// <param name="BytesDone">Bytes on disk, including those of an earlier, resumed attempt.</param>
/// <param name="TotalBytes">The file's size.</param>
/// <param name="BytesPerSecond">Recent transfer speed.</param>
/// <param name="Completed">True on the last report, once the file is complete and verified.</param>
public sealed record DownloadProgress(string Repository, string FileName, long BytesDone, long TotalBytes, double BytesPerSecond, bool Completed)
{
    /// <summary>Time left at the current speed; null while the speed is unknown.</summary>
    public TimeSpan? Remaining => BytesPerSecond > 0 ? TimeSpan.FromSeconds((TotalBytes - BytesDone) / BytesPerSecond) : null;

    /// <summary>The fraction done, 0 to 1.</summary>
    public double Fraction => TotalBytes <= 0 ? 1 : (double)BytesDone / TotalBytes;
}
