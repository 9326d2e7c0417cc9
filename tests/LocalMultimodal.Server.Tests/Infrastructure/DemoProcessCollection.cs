namespace LocalMultimodal.Server.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class DemoProcessCollection : ICollectionFixture<DemoProcessFixture>
{
    public const string Name = "Demo model server process";
}
