using System.Runtime.CompilerServices;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Sampling;

/// <summary>
/// The first byte of every token's text, and a token that is exactly each single byte, per vocabulary. A grammar
/// that refuses a byte refuses every token starting with it, so asking the grammar about 256 one-byte tokens
/// first narrows the tokens it must check one by one from the whole vocabulary to those that can fit.
/// </summary>
internal sealed class VocabularyFirstBytes
{
    /// <summary>Marks a token without text (control tokens): always passed on to the grammar.</summary>
    public const short NoText = -1;

    // Keyed by the model's handle object, so a table lives exactly as long as its model (a freed vocabulary's
    // address may come back for another model).
    private static readonly ConditionalWeakTable<SafeLlamaModelHandle, VocabularyFirstBytes> Cache = new();

    private VocabularyFirstBytes(short[] firstByte, int[] byteToken)
    {
        FirstByte = firstByte;
        ByteToken = byteToken;
    }

    /// <summary>Each token's first byte, or <see cref="NoText"/>.</summary>
    public short[] FirstByte { get; }

    /// <summary>For each byte value, a token whose text is that byte alone, or -1.</summary>
    public int[] ByteToken { get; }

    /// <summary>The table of a loaded model's vocabulary, built on first use.</summary>
    public static VocabularyFirstBytes For(SafeLlamaModelHandle model) => Cache.GetValue(model, Build);

    private static VocabularyFirstBytes Build(SafeLlamaModelHandle model)
    {
        nint vocab = LlamaExports.ModelVocab(model);
        int count = LlamaExports.VocabTokenCount(vocab);
        var firstByte = new short[count];
        var byteToken = new int[256];
        Array.Fill(byteToken, -1);
        Span<byte> piece = stackalloc byte[256];
        for (int token = 0; token < count; token++)
        {
            int length = LlamaExports.TokenToPiece(vocab, token, piece);
            if (length == 0)
            {
                firstByte[token] = NoText;
                continue;
            }

            // A piece longer than the buffer reports minus its size; its first byte is still what counts.
            firstByte[token] = length < 0 ? FirstOfLong(vocab, token, -length) : piece[0];
            if (length == 1 && byteToken[piece[0]] < 0)
            {
                byteToken[piece[0]] = token;
            }
        }

        return new VocabularyFirstBytes(firstByte, byteToken);
    }

    private static short FirstOfLong(nint vocab, int token, int size)
    {
        var buffer = new byte[size];
        return LlamaExports.TokenToPiece(vocab, token, buffer) > 0 ? buffer[0] : NoText;
    }
}
