namespace LocalMultimodal.Testing;

/// <summary>Finds files of the source tree from a test's output folder.</summary>
public static class Repository
{
    /// <summary>The folder holding LocalMultimodal.sln.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "LocalMultimodal.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The test does not run below the repository (no LocalMultimodal.sln found).");
        }
    }

    /// <summary>The path of a file relative to the repository root.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);
}
