using System.Diagnostics;
using System.Globalization;

namespace LocalMultimodal.Fuzz.Requests;

/// <summary>The real server as a child process (<c>dotnet LocalMultimodal.Server.dll</c>), on a free loopback port.</summary>
internal sealed class ServerUnderFuzz : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _errors = new();
    private string? _listening;

    private ServerUnderFuzz(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LocalMultimodal.Server.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LOCALMM_API_KEY");
        start.Environment.Remove("VLLM_API_KEY");
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_errors)
                {
                    _errors.Enqueue(line);
                    if (_errors.Count > 200)
                    {
                        _errors.Dequeue();
                    }
                }
            }
        };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The server exited with {_process.ExitCode} before it was ready: {ErrorTail}"));
    }

    public Uri BaseUrl => new(_listening ?? throw new InvalidOperationException("The server is not listening."));

    public bool HasExited => _process.HasExited;

    public string ErrorTail
    {
        get
        {
            lock (_errors)
            {
                return string.Join('\n', _errors.TakeLast(20));
            }
        }
    }

    /// <summary>Resident memory of the server process, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }
    }

    public static async Task<ServerUnderFuzz> StartAsync(params string[] args)
    {
        var server = new ServerUnderFuzz([.. args, "--port", "0"]);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            _listening = line["Listening on ".Length..].Trim();
        }
        else if (line == "Ready.")
        {
            _ready.TrySetResult(_listening!);
        }
    }
}
