using System.Runtime.CompilerServices;
using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>The state of one render: the output being written and the sandbox's budgets.</summary>
internal sealed class RenderContext(JinjaOptions options, int outputCapacity = 0)
{
    private long _steps;
    private int _depth;

    public JinjaOptions Options => options;

    public StringBuilder Output { get; set; } = new(outputCapacity);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(string text)
    {
        if (Output.Length + text.Length > options.MaxOutputLength)
        {
            throw new JinjaError($"the output exceeds the limit of {options.MaxOutputLength} characters (JinjaOptions.MaxOutputLength)");
        }

        Output.Append(text);
    }

    /// <summary>Counts one unit of work (a loop iteration, a call, an item made); fails past the budget.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int count = 1)
    {
        _steps += count;
        if (_steps > options.MaxSteps)
        {
            throw new JinjaError($"the template exceeds the limit of {options.MaxSteps} steps (loop iterations, calls and generated items; JinjaOptions.MaxSteps)");
        }
    }

    /// <summary>
    /// Checks the size of a value the template makes, and counts one step per 256 characters or items of it, so
    /// that copying big strings or lists over and over runs out of steps instead of running for minutes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CheckLength(long length)
    {
        if (length > options.MaxOutputLength)
        {
            throw new JinjaError($"a value exceeds the limit of {options.MaxOutputLength} characters or items (JinjaOptions.MaxOutputLength)");
        }

        if (length >= 256)
        {
            Step((int)(length >> 8));
        }
    }

    public void Enter()
    {
        if (++_depth > options.MaxCallDepth)
        {
            throw new JinjaError($"macro calls and recursive loops nest deeper than {options.MaxCallDepth} (JinjaOptions.MaxCallDepth)");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaError("macro calls and recursive loops nest too deep for the stack");
        }

        Step();
    }

    public void Leave() => _depth--;
}
