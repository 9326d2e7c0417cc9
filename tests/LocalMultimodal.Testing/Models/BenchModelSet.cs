namespace LocalMultimodal.Models;

/// <summary>The written bench-size pair and the shapes they were written with.</summary>
public sealed record BenchModelSet(string Llm, string Projector, BenchLlmShape LlmShape, BenchProjectorShape ProjectorShape, long LlmParameters);
