namespace LocalMultimodal.Server.Endpoints;

/// <summary>What every chunk or whole answer of one request repeats.</summary>
internal sealed record AnswerInfo(string Id, long Created, string Model);
