namespace LocalMultimodal.Server.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<SharedServerFixture>
{
    public const string Name = "Shared server";
}
