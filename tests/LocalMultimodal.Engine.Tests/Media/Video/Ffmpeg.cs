using System.Diagnostics;

namespace LocalMultimodal.Tests.Media.Video;

/// <summary>Runs the ffmpeg command line to make test media from its own test sources.</summary>
internal static class Ffmpeg
{
    public static void Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg failed: {errors}");
    }

    /// <summary>Stops the process (SIGSTOP) where it is: it keeps its pipes and files but makes no progress until killed.</summary>
    public static void Freeze(int? processId)
    {
        using Process kill = Process.Start("kill", ["-STOP", processId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The ids of running processes whose command line mentions <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out int id) || id == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
