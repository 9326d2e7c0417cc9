namespace LocalMultimodal.AI.Tests;

/// <summary>Every test that runs the model shares the fixture and runs serially: the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "Models";
}
