namespace LocalMultimodal.Media;

/// <summary>
/// What ffprobe found in a video before any frame is decoded: the size of its first video stream and,
/// in presentation order, the timestamp of each of its frames (one packet is one frame) and its time in seconds
/// from the first frame.
/// </summary>
internal sealed record VideoProbe(int Width, int Height, double DurationSeconds, IReadOnlyList<long> FrameTimestamps, IReadOnlyList<double> FrameSeconds);
