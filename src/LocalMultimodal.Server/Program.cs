using LocalMultimodal.Server;
using LocalMultimodal.Server.Hosting;

if (ServerCommandLine.WantsHelp(args))
{
    Console.Write(ServerCommandLine.HelpText());
    return 0;
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
