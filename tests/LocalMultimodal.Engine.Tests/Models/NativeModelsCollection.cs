using LocalMultimodal.Tests.Colour;

namespace LocalMultimodal.Tests.Models;

/// <summary>
/// Every test that calls into llama.cpp shares one set of generated files and one loaded LLM, and runs
/// serially: the machine has two cores and the native library keeps per-thread worker pools.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativeModelsCollection : ICollectionFixture<NativeModelsFixture>, ICollectionFixture<ColourModelsFixture>
{
    public const string Name = "Native models";
}
