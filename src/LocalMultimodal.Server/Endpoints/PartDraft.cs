namespace LocalMultimodal.Server.Endpoints;

/// <summary>A message part as read from the request: text, or media still to be fetched.</summary>
internal sealed record PartDraft(string? Text, MediaDraft? Media);
