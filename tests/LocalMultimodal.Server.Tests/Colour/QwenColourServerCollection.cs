namespace LocalMultimodal.Server.Tests.Colour;

[CollectionDefinition(Name)]
public sealed class QwenColourServerCollection : ICollectionFixture<QwenColourServerFixture>
{
    public const string Name = "Qwen colour server";
}
