namespace LocalMultimodal.Samples;

/// <summary>
/// A paint catalogue the agents' tool looks colours up in. It records every lookup, so a sample can print (and a test
/// assert) what the model asked for.
/// </summary>
internal sealed class PaintCatalogue
{
    private static readonly Dictionary<string, string> Paints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["red"] = "Signal Red (RAL 3001)",
        ["blue"] = "Ultramarine Blue (RAL 5002)",
        ["green"] = "Leaf Green (RAL 6002)",
        ["yellow"] = "Signal Yellow (RAL 1003)",
        ["orange"] = "Pure Orange (RAL 2004)",
        ["purple"] = "Red Violet (RAL 4002)",
        ["magenta"] = "Traffic Purple (RAL 4006)",
        ["pink"] = "Light Pink (RAL 3015)",
        ["cyan"] = "Light Blue (RAL 5012)",
        ["white"] = "Pure White (RAL 9010)",
        ["black"] = "Jet Black (RAL 9005)",
        ["gray"] = "Light Grey (RAL 7035)",
    };

    private readonly List<string> _lookups = [];

    /// <summary>The colours looked up so far, in order.</summary>
    public IReadOnlyList<string> Lookups => _lookups;

    /// <summary>The paint for a colour name, or a note that the catalogue has none.</summary>
    public string FindPaint(string colour)
    {
        lock (_lookups)
        {
            _lookups.Add(colour);
        }

        return Paints.TryGetValue(colour, out string? paint) ? paint : $"No paint for '{colour}' in the catalogue.";
    }
}
