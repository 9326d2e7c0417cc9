namespace LocalMultimodal.Testing.Conformance;

/// <summary>The answer text and the prompt's token counts by modality, as the surface reports them.</summary>
public sealed record SurfaceAnswer(string Text, int PromptTokens, int ImageTokens, int AudioTokens);
