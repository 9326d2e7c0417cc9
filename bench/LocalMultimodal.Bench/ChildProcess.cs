using System.Diagnostics;

namespace LocalMultimodal.Bench;

/// <summary>Runs a measurement in a child process of this program; its last line of output is the result.</summary>
internal static class ChildProcess
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add("child");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The benchmark child '{string.Join(' ', arguments)}' failed with exit code {child.ExitCode}.");
        }

        return output.Trim().Split('\n')[^1];
    }
}
