using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// The parent side of the model-file fuzzer: keeps one <see cref="ProbeWorker"/> child process and sends it
/// cases. A child that dies, hangs or grows past the memory limit is a verdict on the case it was given (with
/// the end of its stderr, where GGML_ASSERT writes), and the next case gets a fresh child.
/// </summary>
internal sealed class ProbeClient(TimeSpan timeout, long maxResidentBytes) : IDisposable
{
    private const int StderrKeep = 4096;

    private readonly StringBuilder _stderr = new();
    private readonly Queue<string> _results = new();
    private readonly Lock _gate = new();
    private Process? _worker;

    /// <summary>Child processes started so far (one, plus one after each crash).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the worker itself, so a verdict on the next case comes from a fresh process.</summary>
    public void Restart() => Stop();

    public ProbeVerdict Probe(string llm, string? projector)
    {
        Process worker = _worker ??= Start();
        lock (_gate)
        {
            _stderr.Clear();
        }

        worker.StandardInput.WriteLine($"{llm}\t{projector ?? "-"}");
        worker.StandardInput.Flush();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                if (_results.TryDequeue(out string? line))
                {
                    return Parse(line);
                }
            }

            if (worker.HasExited)
            {
                worker.WaitForExit(); // drains the output readers
                lock (_gate)
                {
                    if (_results.TryDequeue(out string? line))
                    {
                        return Parse(line);
                    }
                }

                int code = worker.ExitCode;
                Stop();
                return new ProbeVerdict(ProbeOutcome.Crashed, $"{Describe(code)}; stderr ends: {StderrTail()}");
            }

            if (clock.Elapsed > timeout)
            {
                Stop();
                return new ProbeVerdict(ProbeOutcome.Hung, $"no verdict after {timeout.TotalSeconds:0} s; stderr ends: {StderrTail()}");
            }

            if (ResidentBytes(worker) is long rss && rss > maxResidentBytes)
            {
                Stop();
                return new ProbeVerdict(ProbeOutcome.OutOfMemory, $"resident memory {rss >> 20} MiB, over the limit of {maxResidentBytes >> 20} MiB");
            }

            Thread.Sleep(5);
        }
    }

    public void Dispose() => Stop();

    private static ProbeVerdict Parse(string line)
    {
        string[] parts = line.Split('\t', 2);
        return new ProbeVerdict(Enum.Parse<ProbeOutcome>(parts[0]), parts.Length > 1 ? parts[1] : string.Empty);
    }

    private static string Describe(int code) => code switch
    {
        134 => "killed by SIGABRT (exit 134)",
        135 => "killed by SIGBUS (exit 135)",
        136 => "killed by SIGFPE (exit 136)",
        137 => "killed by SIGKILL (exit 137)",
        139 => "killed by SIGSEGV (exit 139)",
        _ => $"exited with code {code}",
    };

    private static long? ResidentBytes(Process process)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has just exited.
        }

        return null;
    }

    private string StderrTail()
    {
        lock (_gate)
        {
            string text = _stderr.ToString();
            string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? assert = lines.LastOrDefault(l => l.Contains("GGML_ASSERT", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase));
            return assert ?? string.Join(" | ", lines.TakeLast(3));
        }
    }

    private Process Start()
    {
        string self = typeof(ProbeClient).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(self);
        info.ArgumentList.Add("probe-worker");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ProbeWorker.ResultPrefix, StringComparison.Ordinal))
            {
                lock (_gate)
                {
                    _results.Enqueue(line[ProbeWorker.ResultPrefix.Length..]);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_gate)
                {
                    _stderr.AppendLine(line);
                    if (_stderr.Length > 4 * StderrKeep)
                    {
                        _stderr.Remove(0, _stderr.Length - StderrKeep);
                    }
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
        return process;
    }

    private void Stop()
    {
        if (_worker is not { } worker)
        {
            return;
        }

        _worker = null;
        try
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        worker.Dispose();
        lock (_gate)
        {
            _results.Clear();
        }
    }
}
