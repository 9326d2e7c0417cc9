namespace LocalMultimodal.Prompts;

/// <summary>A run of prompt text, or one media item, in prompt order.</summary>
internal abstract record PromptPiece;

/// <summary>Prompt text. <paramref name="ParseSpecial"/> lets special-token text (such as <c>&lt;|im_start|&gt;</c>) become control tokens.</summary>
internal sealed record TextPiece(string Text, bool ParseSpecial) : PromptPiece;

/// <summary>One prepared media item.</summary>
internal sealed record MediaPiece(PreparedMedia Media) : PromptPiece;
