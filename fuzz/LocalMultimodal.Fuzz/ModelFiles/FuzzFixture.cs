namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// One generated model file the fuzzer mutates, and the pristine file it is paired with: a mutated projector
/// runs with the pristine LLM, a mutated LLM with the pristine gemma3 projector.
/// </summary>
/// <param name="Name">The fixture's name in case descriptions: <c>llm</c>, <c>gemma3</c>, <c>ultravox</c>, ...</param>
/// <param name="Path">The pristine file.</param>
/// <param name="IsProjector">Whether the file is a projector (else it is the LLM).</param>
/// <param name="Partner">The pristine file it is loaded with.</param>
internal sealed record FuzzFixture(string Name, string Path, bool IsProjector, string Partner);
