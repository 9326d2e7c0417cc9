namespace LocalMultimodal.Generation;

/// <summary>
/// Finds stop sequences in streamed text. Text that might be the start of a stop sequence is held back
/// until the next piece shows whether it is, so a stop sequence split across tokens is never emitted.
/// </summary>
internal sealed class StopSequenceMatcher(IEnumerable<string> stops)
{
    private readonly string[] _stops = [.. stops];
    private string _held = string.Empty;

    /// <summary>Adds text; returns what may be emitted now and whether a stop sequence was found.</summary>
    public (string Emit, bool Stopped) Append(string text)
    {
        if (_stops.Length == 0)
        {
            return (text, false);
        }

        string all = _held + text;
        int stopAt = -1;
        foreach (string stop in _stops)
        {
            int at = all.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (stopAt < 0 || at < stopAt))
            {
                stopAt = at;
            }
        }

        if (stopAt >= 0)
        {
            _held = string.Empty;
            return (all[..stopAt], true);
        }

        int keep = LongestStopPrefixAtEnd(all);
        _held = all[^keep..];
        return (all[..^keep], false);
    }

    /// <summary>Releases held-back text at the end of generation.</summary>
    public string Flush()
    {
        string rest = _held;
        _held = string.Empty;
        return rest;
    }

    private int LongestStopPrefixAtEnd(string text)
    {
        int longest = 0;
        foreach (string stop in _stops)
        {
            for (int length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
