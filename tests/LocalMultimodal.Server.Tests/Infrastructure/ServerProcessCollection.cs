namespace LocalMultimodal.Server.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ServerProcessCollection : ICollectionFixture<ServerProcessFixture>
{
    public const string Name = "Server process";
}
