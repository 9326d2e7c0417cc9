using System.Collections.Concurrent;
using System.Diagnostics;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>
/// The built server as a user starts it (<c>dotnet LocalMultimodal.Server.dll FLAGS</c>), on a free loopback port,
/// so the page is tested against the real process: its middleware order, headers and embedded files.
/// </summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _address;

    private PageServer(IEnumerable<string> flags)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LocalMultimodal.Server.dll"));
        foreach (string flag in flags.Concat(["--port", "0"]))
        {
            start.ArgumentList.Add(flag);
        }

        // A key in the test runner's environment would turn on the key check for every server.
        start.Environment.Remove("LOCALMM_API_KEY");
        start.Environment.Remove("VLLM_API_KEY");
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The server exited before it was ready:\n{Log}"));
    }

    /// <summary>For example <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _address ?? throw new InvalidOperationException("The server is not listening yet.");

    /// <summary>Everything the server printed, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    public static async Task<PageServer> StartAsync(IEnumerable<string> flags)
    {
        var server = new PageServer(flags);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            _address = line["Listening on ".Length..].Trim();
        }
        else if (line == "Ready.")
        {
            _listening.TrySetResult(BaseUrl);
        }
    }
}
