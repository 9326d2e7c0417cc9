namespace LocalMultimodal.Server.Tests.Colour;

[CollectionDefinition(Name)]
public sealed class ColourServerCollection : ICollectionFixture<ColourServerFixture>
{
    public const string Name = "Colour server";
}
