using System.Runtime.CompilerServices;
using System.Text;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Sampling;

/// <summary>
/// How the tokens of a vocabulary prefix one another, for filtering them through a grammar cheaply. A grammar that
/// refuses a token's text refuses every text that starts with it, so: asking about the 256 one-byte tokens first
/// rules out every token starting with a refused byte, and asking about tokens in order of their depth in the prefix
/// tree (each token under the longest other token its text starts with) rules out a refused token's whole subtree.
/// </summary>
internal sealed unsafe class VocabularyPrefixes
{
    /// <summary>
    /// Marks a token the grammar judges by other than its text, always passed on to it: one without text, or one that
    /// ends generation (allowed exactly where the grammar is complete, whatever it spells).
    /// </summary>
    public const short AlwaysAsked = -1;

    // Keyed by the model's handle object, so a table lives exactly as long as its model (a freed vocabulary's
    // address may come back for another model).
    private static readonly ConditionalWeakTable<SafeLlamaModelHandle, VocabularyPrefixes> Cache = new();

    private VocabularyPrefixes(short[] firstByte, int[] byteToken, int[] parent, int[] byDepth, int[] depthStart)
    {
        foreach (short first in firstByte)
        {
            if (first != AlwaysAsked)
            {
                StartingWith[first]++;
            }
        }

        FirstByte = firstByte;
        ByteToken = byteToken;
        Parent = parent;
        ByDepth = byDepth;
        DepthStart = depthStart;
    }

    /// <summary>Each token's first byte, or <see cref="AlwaysAsked"/>.</summary>
    public short[] FirstByte { get; }

    /// <summary>For each byte value, a token whose text is that byte alone, or -1.</summary>
    public int[] ByteToken { get; }

    /// <summary>For each byte value, how many tokens start with it.</summary>
    public int[] StartingWith { get; } = new int[256];

    /// <summary>For each token, the token of the longest proper prefix of its text, or -1 if no prefix is a token.</summary>
    public int[] Parent { get; }

    /// <summary>Every token, those without a parent first, then their children, and so on down the tree.</summary>
    public int[] ByDepth { get; }

    /// <summary>Where each depth starts in <see cref="ByDepth"/>, plus its length at the end.</summary>
    public int[] DepthStart { get; }

    /// <summary>The tables of a loaded model's vocabulary, built on first use.</summary>
    public static VocabularyPrefixes For(SafeLlamaModelHandle model) => Cache.GetValue(model, Build);

    /// <summary>
    /// Asks the grammar about each byte that some token spells alone, into <paramref name="byteAllowed"/>: a byte it
    /// refuses, it refuses as the start of any token. A byte no token spells alone stays allowed.
    /// </summary>
    public void ProbeFirstBytes(nint grammar, bool[] byteAllowed)
    {
        NativeTokenData* probe = stackalloc NativeTokenData[256];
        int probes = 0;
        for (int b = 0; b < 256; b++)
        {
            if (ByteToken[b] >= 0)
            {
                probe[probes++] = new NativeTokenData { Id = ByteToken[b], Logit = 0, P = 0 };
            }

            byteAllowed[b] = ByteToken[b] < 0;
        }

        var probeArray = new NativeTokenDataArray { Data = probe, Size = (nuint)probes, Selected = -1, Sorted = false };
        LlamaExports.Apply(grammar, &probeArray);
        for (int i = 0; i < probes; i++)
        {
            byteAllowed[FirstByte[probe[i].Id]] = !float.IsNegativeInfinity(probe[i].Logit);
        }
    }

    /// <summary>
    /// Marks in <paramref name="allowed"/> the tokens the grammar allows now, asking it level by level down the tree
    /// from the roots whose first byte <paramref name="byteAllowed"/> accepts (and those without text), so a refused
    /// token's subtree is refused unasked. <paramref name="scratch"/> holds a candidate per token.
    /// </summary>
    public void MarkAllowed(nint grammar, bool[] byteAllowed, bool[] allowed, NativeTokenData* scratch)
    {
        for (int depth = 0; depth + 1 < DepthStart.Length; depth++)
        {
            int count = 0;
            for (int at = DepthStart[depth]; at < DepthStart[depth + 1]; at++)
            {
                int token = ByDepth[at];
                int parent = Parent[token];
                allowed[token] = false;
                if (parent >= 0 ? allowed[parent] : FirstByte[token] == AlwaysAsked || byteAllowed[FirstByte[token]])
                {
                    scratch[count++] = new NativeTokenData { Id = token, Logit = 0, P = 0 };
                }
            }

            if (count > 0)
            {
                var level = new NativeTokenDataArray { Data = scratch, Size = (nuint)count, Selected = -1, Sorted = false };
                LlamaExports.Apply(grammar, &level);
                for (int i = 0; i < count; i++)
                {
                    allowed[scratch[i].Id] = !float.IsNegativeInfinity(scratch[i].Logit);
                }
            }
        }
    }

    private static VocabularyPrefixes Build(SafeLlamaModelHandle model)
    {
        nint vocab = LlamaExports.ModelVocab(model);
        int count = LlamaExports.VocabTokenCount(vocab);
        var tokens = model.Vocab;
        var texts = new string[count];
        var firstByte = new short[count];
        var byteToken = new int[256];
        Array.Fill(byteToken, -1);
        var tokenOf = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int token = 0; token < count; token++)
        {
            // Latin-1 maps each byte to one char, so prefixes of bytes are prefixes of these strings.
            texts[token] = ((LLamaToken)token).IsEndOfGeneration(tokens) ? "" : Encoding.Latin1.GetString(Piece(vocab, token));
            if (texts[token].Length == 0)
            {
                firstByte[token] = AlwaysAsked;
                continue;
            }

            firstByte[token] = (short)texts[token][0];
            tokenOf.TryAdd(texts[token], token);
            if (texts[token].Length == 1 && byteToken[firstByte[token]] < 0)
            {
                byteToken[firstByte[token]] = token;
            }
        }

        var parent = new int[count];
        for (int token = 0; token < count; token++)
        {
            parent[token] = -1;
            for (int length = texts[token].Length - 1; length > 0 && parent[token] < 0; length--)
            {
                parent[token] = tokenOf.GetValueOrDefault(texts[token][..length], -1);
            }
        }

        var depth = new int[count];
        for (int token = 0; token < count; token++)
        {
            for (int above = parent[token]; above >= 0; above = parent[above])
            {
                depth[token]++;
            }
        }

        int[] byDepth = [.. Enumerable.Range(0, count).OrderBy(t => depth[t]).ThenBy(t => t)];
        int depths = count == 0 ? 0 : depth.Max() + 1;
        var depthStart = new int[depths + 1];
        foreach (int d in depth)
        {
            depthStart[d + 1]++;
        }

        for (int d = 0; d < depths; d++)
        {
            depthStart[d + 1] += depthStart[d];
        }

        return new VocabularyPrefixes(firstByte, byteToken, parent, byDepth, depthStart);
    }

    private static byte[] Piece(nint vocab, int token)
    {
        Span<byte> piece = stackalloc byte[256];
        int length = LlamaExports.TokenToPiece(vocab, token, piece);
        if (length >= 0)
        {
            return piece[..length].ToArray();
        }

        // A piece longer than the buffer reports minus its size.
        var buffer = new byte[-length];
        return LlamaExports.TokenToPiece(vocab, token, buffer) > 0 ? buffer : [];
    }
}
