namespace LocalMultimodal.Prompts;

/// <summary>A prompt whose media are decoded, ready for the inference loop.</summary>
internal sealed record PreparedPrompt(IReadOnlyList<PromptPiece> Pieces);
