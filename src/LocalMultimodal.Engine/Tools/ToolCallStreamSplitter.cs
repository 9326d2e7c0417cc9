using System.Text;

namespace LocalMultimodal.Tools;

/// <summary>
/// Splits a streamed answer into text and complete tool calls. Text streams until a trigger of the format could
/// start (a possible partial trigger at the end is held back); from a trigger on, text is buffered until the call
/// closes (or the answer ends) and then parsed. A region that does not parse is handed back as text with the
/// reason, so the caller can log it; it never fails the request.
/// </summary>
internal sealed class ToolCallStreamSplitter(ToolCallFormat format)
{
    private readonly StringBuilder _pending = new();
    private bool _inCall = format.WholeAnswer;

    /// <summary>Regions that did not parse, in order; the caller logs them.</summary>
    public List<string> Unparsed { get; } = [];

    /// <summary>Takes the next piece of text; returns what can be given out now.</summary>
    public List<ToolCallSegment> Push(string text)
    {
        _pending.Append(text);
        var output = new List<ToolCallSegment>();
        while (_pending.Length > 0)
        {
            string pending = _pending.ToString();
            if (!_inCall)
            {
                (int start, _) = FindTrigger(pending);
                if (start < 0)
                {
                    int keep = PartialTriggerLength(pending);
                    Emit(output, pending[..^keep]);
                    _pending.Remove(0, pending.Length - keep);
                    break;
                }

                Emit(output, pending[..start]);
                _pending.Remove(0, start);
                _inCall = true;
                continue;
            }

            if (format.CallEnd is not { } end)
            {
                break;
            }

            int close = pending.IndexOf(end, 1, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            string region = pending[..(close + end.Length)];
            _pending.Remove(0, region.Length);
            _inCall = false;
            AddRegion(output, region);
        }

        return output;
    }

    /// <summary>The answer ended: gives out what is left (an unclosed call becomes text).</summary>
    public List<ToolCallSegment> Complete()
    {
        var output = new List<ToolCallSegment>();
        string rest = _pending.ToString();
        _pending.Clear();
        if (_inCall && rest.Length > 0 && (format.CallEnd is null || format.WholeAnswer))
        {
            AddRegion(output, rest);
        }
        else if (rest.Length > 0)
        {
            if (_inCall)
            {
                Unparsed.Add(rest);
            }

            Emit(output, rest);
        }

        _inCall = false;
        return output;
    }

    private void AddRegion(List<ToolCallSegment> output, string region)
    {
        if (format.TryParse(region) is { } segments)
        {
            output.AddRange(segments);
        }
        else
        {
            Unparsed.Add(region);
            Emit(output, region);
        }
    }

    private (int Start, string Trigger) FindTrigger(string text)
    {
        (int start, string trigger) best = (-1, string.Empty);
        foreach (string trigger in format.Triggers)
        {
            int at = text.IndexOf(trigger, StringComparison.Ordinal);
            if (at >= 0 && (best.start < 0 || at < best.start))
            {
                best = (at, trigger);
            }
        }

        return best;
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that begins some trigger.</summary>
    private int PartialTriggerLength(string text)
    {
        int longest = 0;
        foreach (string trigger in format.Triggers)
        {
            for (int length = Math.Min(trigger.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(trigger.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    private static void Emit(List<ToolCallSegment> output, string text)
    {
        if (text.Length > 0)
        {
            output.Add(ToolCallSegment.FromText(text));
        }
    }
}
