using System.Diagnostics;
using System.Globalization;
using LocalMultimodal.Hub;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// Shows downloads on the console: a bar redrawn in place with size, speed and time left when the output is a
/// terminal, and plain lines every few seconds when it is a log or a pipe.
/// </summary>
internal sealed class ConsoleDownloadProgress(TextWriter output, bool terminal) : IProgress<DownloadProgress>
{
    private const int BarWidth = 30;
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Stopwatch sinceLine = new();
    private readonly Stopwatch sinceStart = new();
    private string? file;

    /// <summary>For standard output, as a bar when it is a terminal.</summary>
    public static ConsoleDownloadProgress ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(DownloadProgress value)
    {
        lock (gate)
        {
            if (value.FileName != file)
            {
                file = value.FileName;
                sinceStart.Restart();
                sinceLine.Restart();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Downloading {value.FileName} ({ByteSize.Format(value.TotalBytes)}) from {value.Repository}{(value.BytesDone > 0 ? $", resuming at {ByteSize.Format(value.BytesDone)}" : "")}"));
            }

            if (terminal)
            {
                output.Write($"\r{Bar(value)}");
                if (value.Completed)
                {
                    output.WriteLine();
                }
            }
            else if (value.Completed || sinceLine.Elapsed >= LineInterval)
            {
                sinceLine.Restart();
                output.WriteLine(value.Completed ? Done(value) : Line(value));
            }

            if (value.Completed && terminal)
            {
                output.WriteLine(Done(value));
            }

            output.Flush();
        }
    }

    private static string Bar(DownloadProgress p)
    {
        int filled = (int)Math.Round(p.Fraction * BarWidth);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {p.Fraction * 100,3:0}% {ByteSize.Format(p.BytesDone),9} / {ByteSize.Format(p.TotalBytes),-9} {ByteSize.Format(p.BytesPerSecond),9}/s  {ByteSize.Duration(p.Remaining)} left ");
    }

    private static string Line(DownloadProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"  {p.FileName}: {p.Fraction * 100:0}% ({ByteSize.Format(p.BytesDone)} of {ByteSize.Format(p.TotalBytes)}) at {ByteSize.Format(p.BytesPerSecond)}/s, {ByteSize.Duration(p.Remaining)} left");

    private string Done(DownloadProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"  {p.FileName}: {ByteSize.Format(p.TotalBytes)} in {sinceStart.Elapsed.TotalSeconds:0.0} s, SHA-256 verified");
}
