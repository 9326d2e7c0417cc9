using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Hub;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Reference} resolved from the cache: commit {Commit}, no network used")]
    public static partial void FromCache(ILogger logger, ModelReference reference, string commit);

    [LoggerMessage(2, LogLevel.Information, "Listing {Repository} at {Revision} on {Endpoint}")]
    public static partial void Listing(ILogger logger, string repository, string revision, string endpoint);

    [LoggerMessage(3, LogLevel.Information, "Downloading {File} of {Repository} ({Bytes} bytes)")]
    public static partial void Downloading(ILogger logger, string repository, string file, long bytes);

    [LoggerMessage(4, LogLevel.Information, "Resuming {File} of {Repository} at byte {Offset} of {Bytes}")]
    public static partial void Resuming(ILogger logger, string repository, string file, long offset, long bytes);

    [LoggerMessage(5, LogLevel.Information, "{File} of {Repository}: {Percent:0}% ({Done} of {Bytes} bytes, {Speed:0.0} MB/s)")]
    public static partial void Progress(ILogger logger, string repository, string file, double percent, long done, long bytes, double speed);

    [LoggerMessage(6, LogLevel.Information, "Downloaded and verified {File} of {Repository} (sha256 {Sha256})")]
    public static partial void Verified(ILogger logger, string repository, string file, string sha256);

    [LoggerMessage(7, LogLevel.Warning, "Try {Attempt} of {Tries} failed ({Reason}); trying again in {Delay} ms")]
    public static partial void Retrying(ILogger logger, int attempt, int tries, string reason, double delay);

    [LoggerMessage(8, LogLevel.Warning, "Ignored '{Name}' in the listing of {Repository}: {Reason}")]
    public static partial void IgnoredEntry(ILogger logger, string repository, string name, string reason);

    [LoggerMessage(9, LogLevel.Information, "Waiting for another process downloading {File} (lock {LockPath})")]
    public static partial void WaitingForLock(ILogger logger, string file, string lockPath);

    [LoggerMessage(10, LogLevel.Warning, "The hub could not be reached ({Reason}); using the cached commit {Commit} of {Reference}")]
    public static partial void UnreachableUsingCache(ILogger logger, string reason, ModelReference reference, string commit);
}
