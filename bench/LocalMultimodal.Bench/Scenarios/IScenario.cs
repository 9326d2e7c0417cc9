using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// One benchmark scenario. Each of its variants runs in a child process of its own (so each peak memory figure
/// is that variant's alone) and prints its figures as JSON; the parent combines them into the report's entry.
/// </summary>
internal interface IScenario
{
    /// <summary>The name on the command line (<c>--only</c>).</summary>
    string Name { get; }

    /// <summary>The key of the scenario's entry in the report.</summary>
    string ReportKey => Name;

    /// <summary>The variants measured, each in a child process: sequence counts, modalities, or the one variant <c>-</c>.</summary>
    IReadOnlyList<string> Variants => ["-"];

    /// <summary>In the parent, before any child: writes the models of its own the scenario needs beside the bench pair in <paramref name="folder"/>.</summary>
    void WriteModels(string folder)
    {
    }

    /// <summary>In the child process: measures one variant.</summary>
    Task<JsonNode> MeasureAsync(BenchSettings settings, string variant);

    /// <summary>In the parent: the report's entry from the variants' figures, in the order of <see cref="Variants"/>.</summary>
    JsonNode Combine(IReadOnlyList<JsonNode> figures) => figures[0];
}
