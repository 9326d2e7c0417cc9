namespace LocalMultimodal.AI.Tests;

/// <summary>Every test that runs a model shares the fixtures (generated models, demo model) and runs serially: the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>, ICollectionFixture<DemoModelFixture>
{
    public const string Name = "Models";
}
