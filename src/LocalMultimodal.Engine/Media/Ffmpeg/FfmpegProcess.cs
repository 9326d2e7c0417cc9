using System.ComponentModel;
using System.Diagnostics;

namespace LocalMultimodal.Media;

/// <summary>
/// One ffmpeg or ffprobe run over anonymous pipes (<c>pipe:1</c> is a real pipe, which FFMpegCore's
/// Unix-socket pipes are not): stdout is read by the caller, stderr line by line, stdin is closed.
/// The process tree is killed at a wall-clock limit and when the caller cancels.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private readonly Process _process;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _killOnStop;
    private readonly Task _stderrPump;
    private bool _timedOut;

    private FfmpegProcess(Process process, Action<string?>? onStderrLine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _process = process;
        _callerToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stderrPump = PumpStderrAsync(process.StandardError, onStderrLine);
        _killOnStop = _stop.Token.Register(() =>
        {
            _timedOut = !_callerToken.IsCancellationRequested;
            Kill();
        });
        _stop.CancelAfter(timeout);
    }

    /// <summary>The process's stdout.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Cancelled when the process is being killed (timeout or caller cancellation).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>The operating-system process id, for tests that check the process is gone.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts <paramref name="executable"/>; arguments are passed as a list, never through a shell.
    /// <paramref name="onStderrLine"/> gets each stderr line, then null when stderr ends.
    /// </summary>
    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, TimeSpan timeout, Action<string?>? onStderrLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{executable} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{executable} could not be started; install ffmpeg (Debian package 'ffmpeg') and put it on PATH.", ex);
        }

        // ffmpeg reads keys from stdin ('q' stops it); it gets nothing from us.
        process.StandardInput.Close();
        return new FfmpegProcess(process, onStderrLine, timeout, cancellationToken);
    }

    /// <summary>Waits for the exit (and for stderr to be drained) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>
    /// After the process was stopped: throws <see cref="OperationCanceledException"/> when the caller
    /// cancelled, the exception from <paramref name="onTimeout"/> when the wall-clock limit hit.
    /// </summary>
    public void ThrowIfStopped(Func<Exception> onTimeout)
    {
        _callerToken.ThrowIfCancellationRequested();
        if (_timedOut)
        {
            throw onTimeout();
        }
    }

    /// <summary>Kills the process and its children, if it still runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited while being killed.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _killOnStop.Dispose();
        Kill();
        _process.WaitForExit();
        _stop.Dispose();
        _process.Dispose();
    }

    private static async Task PumpStderrAsync(StreamReader stderr, Action<string?>? onLine)
    {
        // Drained even when nobody listens: a full stderr pipe would stall ffmpeg.
        while (await stderr.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            onLine?.Invoke(line);
        }

        onLine?.Invoke(null);
    }
}
