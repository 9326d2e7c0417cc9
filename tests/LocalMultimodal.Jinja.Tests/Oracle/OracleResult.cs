namespace LocalMultimodal.Jinja.Tests.Oracle;

/// <summary>What Jinja2 made of one corpus case: its output, or its error (and the message of raise_exception).</summary>
internal sealed record OracleResult(string? Output, string? Error, string? Raised);
