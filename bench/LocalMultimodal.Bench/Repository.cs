using System.Diagnostics;

namespace LocalMultimodal.Bench;

/// <summary>Where the repository is and which commit is checked out.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LocalMultimodal.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The short hash of HEAD, with "-dirty" when tracked files have changes.</summary>
    public static string Commit()
    {
        string head = Git("rev-parse", "--short", "HEAD");
        return head != "unknown" && Git("status", "--porcelain", "--untracked-files=no").Length > 0 ? head + "-dirty" : head;
    }

    private static string Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root() };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start)!;
            string text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
