namespace LocalMultimodal.Samples.TypedOutput;

/// <summary>What the model reports about a picture, as a typed record.</summary>
/// <param name="Colour">The picture's main colour.</param>
public sealed record ColourReport(ColourName Colour);
