using System.Diagnostics;

namespace LocalMultimodal.Hub.Download;

/// <summary>Turns byte counts into <see cref="DownloadProgress"/> reports: a few a second, speed over the last seconds.</summary>
internal sealed class ProgressMeter(string repository, string file, long total, IProgress<DownloadProgress>? progress)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastReport = TimeSpan.MinValue;
    private TimeSpan windowStart;
    private long windowBytes;
    private double speed;

    public long Done { get; private set; }

    /// <summary>The bytes already on disk when an attempt starts (they do not count towards the speed).</summary>
    public void Start(long done)
    {
        Done = done;
        windowStart = clock.Elapsed;
        windowBytes = 0;
        Report(completed: false, force: true);
    }

    public void Add(int bytes)
    {
        Done += bytes;
        windowBytes += bytes;
        var now = clock.Elapsed;
        double seconds = (now - windowStart).TotalSeconds;
        if (seconds >= 0.5)
        {
            // Blend the last half second into the running figure: steady, yet it follows a change of pace.
            double recent = windowBytes / seconds;
            speed = speed == 0 ? recent : (0.3 * speed) + (0.7 * recent);
            windowStart = now;
            windowBytes = 0;
        }

        Report(completed: false, force: false);
    }

    public void Complete() => Report(completed: true, force: true);

    public double BytesPerSecond => speed;

    private void Report(bool completed, bool force)
    {
        var now = clock.Elapsed;
        if (progress is null || (!force && now - lastReport < Interval))
        {
            return;
        }

        lastReport = now;
        double shown = speed > 0 ? speed : (now.TotalSeconds > 0 && Done > 0 ? windowBytes / Math.Max(1e-3, (now - windowStart).TotalSeconds) : 0);
        progress.Report(new DownloadProgress(repository, file, Done, total, shown, completed));
    }
}
