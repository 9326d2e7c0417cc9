using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using LocalMultimodal.Hub.Api;
using LocalMultimodal.Hub.Cache;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Hub.Download;

/// <summary>
/// Brings one file into the cache's blobs: under a lock file, streamed to <c>blobs/&lt;sha256&gt;.incomplete</c>,
/// resumed with <c>Range</c> after a dropped connection or a restart, retried with backoff on 5xx and timeouts,
/// and renamed to its blob only once its SHA-256 matches the listing.
/// </summary>
internal sealed class BlobDownloader(HubSettings settings, HubHttp http, ILogger logger)
{
    private const int BufferSize = 1 << 18; // few enough hand-overs to the writing task, small enough to stay in the CPU cache
    private const int Buffers = 8;

    public async Task<string> EnsureAsync(RepoCache repo, string commit, RepoFile file, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string sha = file.Sha256 ?? throw new HubException(
            $"'{file.Path}' in '{repo.Repository}' is not stored in LFS, so the hub gives no SHA-256 to verify it against; it is not used.");
        string blob = repo.BlobPath(sha);
        if (File.Exists(blob))
        {
            return blob;
        }

        string lockPath = repo.LockPath(sha);
        using var fileLock = await FileLock.AcquireAsync(lockPath, () => Log.WaitingForLock(logger, file.Path, lockPath), cancellationToken).ConfigureAwait(false);
        if (File.Exists(blob))
        {
            return blob; // another process finished it while this one waited
        }

        Directory.CreateDirectory(repo.BlobFolder);
        string partial = repo.PartialPath(sha);
        long already = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        RequireFreeSpace(repo.BlobFolder, file, Math.Max(0, file.Size - already));
        if (already > 0)
        {
            Log.Resuming(logger, repo.Repository, file.Path, already, file.Size);
        }
        else
        {
            Log.Downloading(logger, repo.Repository, file.Path, file.Size);
        }

        var meter = new ProgressMeter(repo.Repository, file.Path, file.Size, progress);
        var uri = new Uri($"{settings.Endpoint.AbsoluteUri.TrimEnd('/')}/{repo.Repository}/resolve/{commit}/{string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString))}");
        byte[] hash = await Retrier.RunAsync(settings, logger, ct => DownloadOnceAsync(uri, repo.Repository, partial, file, meter, ct), cancellationToken).ConfigureAwait(false);
        string actual = Convert.ToHexStringLower(hash);
        if (actual != sha)
        {
            File.Delete(partial);
            throw new HubException(
                $"'{file.Path}' of '{repo.Repository}' does not match its SHA-256: the listing says {sha}, the download has {actual}. The partial file was deleted; the hub or a proxy served wrong bytes.");
        }

        File.Move(partial, blob, overwrite: true);
        meter.Complete();
        Log.Verified(logger, repo.Repository, file.Path, sha);
        return blob;
    }

    /// <summary>One attempt: continues the partial file from its length; returns the SHA-256 of the whole file.</summary>
    private async Task<byte[]> DownloadOnceAsync(Uri uri, string repository, string partial, RepoFile file, ProgressMeter meter, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        long offset = output.Length > file.Size ? 0 : output.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (offset < file.Size)
        {
            using var response = await http.GetAsync(uri, offset, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                output.SetLength(0);
                throw new TransientStatusException($"The hub refused to resume '{file.Path}' at byte {offset}; starting it again.");
            }

            HubErrors.ThrowForStatus(response, repository, $"the file '{file.Path}'", settings, file.Path);
            if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != offset)
            {
                offset = 0; // the host sent the whole file
            }

            output.SetLength(offset);
            await HashPrefixAsync(output, offset, hash, cancellationToken).ConfigureAwait(false);
            meter.Start(offset);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await CopyAsync(body, output, hash, meter, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await HashPrefixAsync(output, offset, hash, cancellationToken).ConfigureAwait(false);
        }

        if (output.Length != file.Size)
        {
            throw new IOException($"The transfer of '{file.Path}' ended at byte {output.Length} of {file.Size}.");
        }

        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Reads from the network on this thread while a second task writes the same buffers to the file and hashes
    /// them behind it: the socket is drained without waiting for the disk or the hash, and where a second core is
    /// free, writing and hashing cost no transfer time. Every byte read reaches the file before this returns or
    /// throws, so a dropped connection resumes after all that arrived. Each read must bring data within the read
    /// timeout.
    /// </summary>
    private async Task CopyAsync(Stream body, FileStream output, IncrementalHash hash, ProgressMeter meter, CancellationToken cancellationToken)
    {
        var free = Channel.CreateBounded<byte[]>(Buffers);
        var full = Channel.CreateBounded<(byte[] Buffer, int Count)>(Buffers);
        for (int i = 0; i < Buffers; i++)
        {
            free.Writer.TryWrite(new byte[BufferSize]);
        }

        var writing = Task.Run(async () =>
        {
            try
            {
                await foreach (var (buffer, count) in full.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    WriteAndHash(output, hash, buffer, count);
                    free.Writer.TryWrite(buffer);
                }
            }
            catch (Exception e)
            {
                free.Writer.TryComplete(e); // a failed write (a full disk) stops the reader too
                throw;
            }
        }, CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                byte[] buffer;
                try
                {
                    buffer = await free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    break; // the writer failed; awaiting it below throws its exception
                }

                timeout.CancelAfter(settings.ReadTimeout);
                int read;
                try
                {
                    read = await ReadSomeAsync(body, buffer, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The download stalled: no data for {settings.ReadTimeout.TotalSeconds:0.#} s.");
                }

                if (read == 0)
                {
                    return;
                }

                await full.Writer.WriteAsync((buffer, read), CancellationToken.None).ConfigureAwait(false);
                meter.Add(read);
            }
        }
        finally
        {
            full.Writer.TryComplete();
            await writing.ConfigureAwait(false);
        }
    }

    /// <summary>Fills most of the buffer (fewer, larger writes), returning early only at the end of the body or a failure.</summary>
    private static async Task<int> ReadSomeAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length / 2)
        {
            int n;
            try
            {
                n = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (filled > 0)
            {
                return filled; // keep the bytes that arrived; the next read fails again and the attempt resumes after them
            }

            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }

    private static void WriteAndHash(FileStream output, IncrementalHash hash, byte[] buffer, int count)
    {
        output.Write(buffer, 0, count);
        hash.AppendData(buffer, 0, count);
    }

    private static async Task HashPrefixAsync(FileStream output, long length, IncrementalHash hash, CancellationToken cancellationToken)
    {
        output.Position = 0;
        byte[] buffer = new byte[BufferSize];
        long left = length;
        while (left > 0)
        {
            int n = await output.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, n);
            left -= n;
        }

        output.Position = length;
    }

    private static void RequireFreeSpace(string folder, RepoFile file, long needed)
    {
        long free;
        try
        {
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return; // the free space cannot be read here; the write itself will fail if it runs out
        }

        if (free < needed)
        {
            throw new HubException(
                $"Not enough free disk for '{file.Path}': it needs {needed} more bytes, {folder} has {free}. Free some space or set HF_HUB_CACHE to a larger disk.");
        }
    }
}
