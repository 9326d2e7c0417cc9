namespace LocalMultimodal.Media;

/// <summary>The input options every ffmpeg and ffprobe run gets, so a file can only ever read itself.</summary>
internal static class FfmpegArguments
{
    /// <summary>Container demuxers accepted for video. Playlists (hls, concat, ...) are absent on purpose.</summary>
    public const string VideoDemuxers = "mov,matroska,avi,flv,mpeg,mpegts,ogg,asf,ivf,h264,hevc,m4v,gif";

    /// <summary>Container demuxers accepted for audio.</summary>
    public const string AudioDemuxers = "wav,w64,mp3,flac,ogg,mov,matroska,aac,asf,aiff,amr,au,caf";

    /// <summary>
    /// Only local file and pipe protocols (a file that names an http URL is refused), and only
    /// the listed demuxers: with <c>file</c> allowed, a playlist demuxer could still open other local
    /// files, so the playlist demuxers must not be reachable at all.
    /// </summary>
    public static IEnumerable<string> SafeInput(string demuxers, string path, string? forcedDemuxer = null)
    {
        yield return "-protocol_whitelist";
        yield return "file,pipe";
        yield return "-format_whitelist";
        yield return demuxers;
        if (forcedDemuxer is not null)
        {
            yield return "-f";
            yield return forcedDemuxer;
        }

        yield return "-i";
        yield return path;
    }
}
