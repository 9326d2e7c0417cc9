using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace LocalMultimodal.Samples.SemanticKernel;

/// <summary>The paint catalogue as a Semantic Kernel plugin: one <see cref="KernelFunction"/> the model may call.</summary>
internal sealed class PaintPlugin(PaintCatalogue catalogue)
{
    [KernelFunction("find_paint")]
    [Description("Finds the paint in the catalogue that matches a colour.")]
    public string FindPaint([Description("The colour's name, such as red.")] string colour) => catalogue.FindPaint(colour);
}
