using System.Diagnostics;

namespace LocalMultimodal.Hub.Download;

/// <summary>Turns byte counts into <see cref="DownloadProgress"/> reports: a few a second, speed over the last seconds.</summary>
internal sealed class ProgressMeter(string repository, string file, long total, IProgress<DownloadProgress>? progress)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;
    private TimeSpan _windowStart;
    private long _windowBytes;
    private double _speed;

    public long Done { get; private set; }

    /// <summary>The bytes already on disk when an attempt starts (they do not count towards the speed).</summary>
    public void Start(long done)
    {
        Done = done;
        _windowStart = _clock.Elapsed;
        _windowBytes = 0;
        Report(completed: false, force: true);
    }

    public void Add(int bytes)
    {
        Done += bytes;
        _windowBytes += bytes;
        var now = _clock.Elapsed;
        double seconds = (now - _windowStart).TotalSeconds;
        if (seconds >= 0.5)
        {
            // Blend the last half second into the running figure: steady, yet it follows a change of pace.
            double recent = _windowBytes / seconds;
            _speed = _speed == 0 ? recent : (0.3 * _speed) + (0.7 * recent);
            _windowStart = now;
            _windowBytes = 0;
        }

        Report(completed: false, force: false);
    }

    public void Complete() => Report(completed: true, force: true);

    public double BytesPerSecond => _speed;

    private void Report(bool completed, bool force)
    {
        var now = _clock.Elapsed;
        if (progress is null || (!force && now - _lastReport < Interval))
        {
            return;
        }

        _lastReport = now;
        double shown = _speed > 0 ? _speed : (now.TotalSeconds > 0 && Done > 0 ? _windowBytes / Math.Max(1e-3, (now - _windowStart).TotalSeconds) : 0);
        progress.Report(new DownloadProgress(repository, file, Done, total, shown, completed));
    }
}
