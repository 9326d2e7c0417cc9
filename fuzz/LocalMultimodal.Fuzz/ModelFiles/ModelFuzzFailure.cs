namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>A failing case: what it was, what happened, whether a fresh process agreed, and the kept file.</summary>
internal sealed record ModelFuzzFailure(FuzzCase Case, string Description, ProbeVerdict Verdict, ProbeVerdict Again, string File);
