namespace LocalMultimodal.Server.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class DemoServerCollection : ICollectionFixture<DemoServerFixture>
{
    public const string Name = "Demo server";
}
