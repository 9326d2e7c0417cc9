using LocalMultimodal.Fuzz.ModelFiles;
using LocalMultimodal.Testing;

namespace LocalMultimodal.Fuzz.Tests.ModelFiles;

/// <summary>The generated fixtures, their header maps and one probe child process, shared by the model-file tests.</summary>
public sealed class ModelFuzzFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public ModelFuzzFixture()
    {
        Fixtures = new FuzzFixtures(_folder.File("fixtures"));
        Client = new ProbeClient(TimeSpan.FromSeconds(60), maxResidentBytes: 4L << 30);
    }

    internal FuzzFixtures Fixtures { get; }

    internal ProbeClient Client { get; }

    public string Folder => _folder.Path;

    public void Dispose()
    {
        Client.Dispose();
        _folder.Dispose();
    }
}
