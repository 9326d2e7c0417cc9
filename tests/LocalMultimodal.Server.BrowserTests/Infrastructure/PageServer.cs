using System.Collections.Concurrent;
using System.Diagnostics;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>
/// The built server as a user starts it (<c>dotnet LocalMultimodal.Server.dll FLAGS</c>), on a free loopback port,
/// so the page is tested against the real process: its middleware order, headers and embedded files.
/// </summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? address;

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
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The server exited before it was ready:\n{Log}"));
    }

    /// <summary>For example <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => address ?? throw new InvalidOperationException("The server is not listening yet.");

    /// <summary>Everything the server printed, for failure messages.</summary>
    public string Log => string.Join('\n', log);

    public static async Task<PageServer> StartAsync(IEnumerable<string> flags)
    {
        var server = new PageServer(flags);
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
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
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            address = line["Listening on ".Length..].Trim();
        }
        else if (line == "Ready.")
        {
            listening.TrySetResult(BaseUrl);
        }
    }
}
