namespace LocalMultimodal.AI.Tests.MediaKinds;

[CollectionDefinition(Name)]
public sealed class DemoEngineCollection : ICollectionFixture<DemoEngineFixture>
{
    public const string Name = "Demo engine";
}
