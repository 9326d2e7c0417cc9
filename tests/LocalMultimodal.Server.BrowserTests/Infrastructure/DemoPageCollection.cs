namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>The classes that share one demo-model server and browser.</summary>
[CollectionDefinition(Name)]
public sealed class DemoPageCollection : ICollectionFixture<DemoPageFixture>
{
    public const string Name = "demo page";
}
