namespace LocalMultimodal.Models;

/// <summary>The hyperparameters of a clip encoder (vision ViT or Whisper audio) that the generators vary.</summary>
/// <param name="Width">Embedding width (<c>clip.{m}.embedding_length</c>).</param>
/// <param name="FeedForwardLength">n_ff; keep it different from the width (clip.cpp swaps up/down otherwise).</param>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="HeadCount">Attention heads.</param>
/// <param name="LayerNormEpsilon">The eps of every norm in the encoder and its projector.</param>
internal sealed record EncoderShape(int Width, int FeedForwardLength, int BlockCount, int HeadCount, float LayerNormEpsilon);
