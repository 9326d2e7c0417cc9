namespace LocalMultimodal.Hub.Api;

/// <summary>A 5xx, 429 or 408 answer: worth another try after a pause.</summary>
internal sealed class TransientStatusException(string message) : Exception(message);
