using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace LocalMultimodal.Testing;

/// <summary>
/// The built server run as a user starts it (<c>dotnet LocalMultimodal.Server.dll FLAGS</c>) on loopback, so tests
/// see the real process: its command line, middleware, start-up lines and signals. The test project references the
/// server project, which copies the dll and its runtimeconfig next to the tests; the kit itself does not reference it.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _listening;

    private ServerProcess(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A key in the test runner's environment would turn on the key check for every server.
        start.Environment.Remove("LOCALMM_API_KEY");
        start.Environment.Remove("VLLM_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
                _log.Enqueue(e.Data);
            }
        };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException(
            $"The server exited with {_process.ExitCode} before it was ready.\n{Output}\n{Errors}"));
    }

    /// <summary>The server's dll, copied next to the tests by the project reference with its runtimeconfig and deps.</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "LocalMultimodal.Server.dll");

    public string BaseUrl => _listening ?? throw new InvalidOperationException("The server is not listening yet.");

    public string Output => string.Join('\n', _output);

    /// <summary>Standard error without llama.cpp's own loading chatter.</summary>
    public string Errors => string.Join('\n', _errors.Where(l => !NativeChatter().IsMatch(l)));

    /// <summary>Everything the server printed on both streams, in order of arrival, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    public int Id => _process.Id;

    /// <summary>Starts the server on a free port and waits until it prints that it is ready.</summary>
    public static Task<ServerProcess> StartAsync(params string[] args) => StartAsync(null, args);

    /// <inheritdoc cref="StartAsync(string[])"/>
    public static Task<ServerProcess> StartAsync(IEnumerable<string> args) => StartAsync(null, [.. args]);

    /// <summary>Starts the server with extra environment variables; waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var server = Launch([.. args, "--port", "0"], environment);
        try
        {
            await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts an installed server (such as the dotnet tool's <c>localmm</c>) on a free port; waits until it is ready.</summary>
    public static async Task<ServerProcess> StartExecutableAsync(string executable, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var server = Launch(executable, [.. args, "--port", "0"], environment);
        await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Runs the server with the arguments until it exits (for start-up failures); kills it after a timeout.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(params string[] args) => RunToExitAsync(null, args);

    /// <summary>Runs the server (or a verb) with extra environment variables until it exits.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var server = Launch(args, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server._process.WaitForExitAsync(timeout.Token);
        return (server._process.ExitCode, server.Output, server.Errors);
    }

    /// <summary>Asks the server to stop as a service manager would.</summary>
    public void SendSigterm()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
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

    private static ServerProcess Launch(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        Assert.True(File.Exists(ServerDll), $"The server is not built at {ServerDll}.");
        return Launch("dotnet", [ServerDll, .. args], environment);
    }

    private static ServerProcess Launch(string fileName, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var server = new ServerProcess(fileName, args, environment);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _log.Enqueue(line);
        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            _listening = line["Listening on ".Length..].Trim();
        }
        else if (line == "Ready.")
        {
            _ready.TrySetResult(_listening!);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(llama|print_info|load|graph|sched|create|resolve|done_|set_abort|clip_|alloc_|warmup|mtmd|init_|\s*$)")]
    private static partial System.Text.RegularExpressions.Regex NativeChatter();
}
