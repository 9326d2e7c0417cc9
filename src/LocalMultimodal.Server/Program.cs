using LocalMultimodal.Server;
using LocalMultimodal.Server.Hosting;

// Verbs: `serve` (also what no verb means), `pull` and `list` (HubVerbs). Flags follow the verb.
if (args.Length > 0 && args[0] == "serve")
{
    args = args[1..];
}
else if (args.Length > 0 && !args[0].StartsWith('-') && !HubVerbs.IsVerb(args))
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}'. Commands: serve (the default), pull, list. Run with --help to list the flags.");
    return 2;
}

if (args.Contains("--version"))
{
    Console.WriteLine(ServerVersion.Describe());
    return 0;
}

if (ServerCommandLine.WantsHelp(args))
{
    Console.Write(ServerCommandLine.HelpText());
    return 0;
}

if (HubVerbs.IsVerb(args))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel(); // a stopped download keeps its partial file and resumes next time
    };
    try
    {
        return await HubVerbs.RunAsync(args, Environment.GetEnvironmentVariable, cancel.Token);
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine("Stopped; the download resumes where it left off next time.");
        return 130;
    }
}

ServerOptions options;
try
{
    options = ServerCommandLine.Parse(args, Environment.GetEnvironmentVariable);
    options.Fetch.Validate();
}
catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

await using var app = ServerApp.Build(options);
try
{
    await app.RunAsync();
}
catch (IOException e)
{
    // Kestrel could not bind (port in use, address not local): say so without a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

return Environment.ExitCode;
