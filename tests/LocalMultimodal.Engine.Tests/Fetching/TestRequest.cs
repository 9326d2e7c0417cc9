namespace LocalMultimodal.Tests.Fetching;

/// <summary>What the test server received: the request line and headers.</summary>
internal sealed record TestRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);
