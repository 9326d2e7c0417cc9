namespace LocalMultimodal.Server.Endpoints;

/// <summary>A message as read from the request, its media not yet fetched.</summary>
internal sealed record TurnDraft(string Role, IReadOnlyList<PartDraft> Parts);
