namespace LocalMultimodal.Jinja;

/// <summary>
/// Limits that keep an untrusted template from hanging or exhausting the process. The defaults are far
/// above what any chat template needs.
/// </summary>
public sealed class JinjaOptions
{
    /// <summary>Shared default options.</summary>
    public static JinjaOptions Default { get; } = new();

    /// <summary>Most nested brackets, operators and blocks the parser accepts.</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>Most loop iterations, macro calls and materialised range items in one render.</summary>
    public int MaxSteps { get; init; } = 1_000_000;

    /// <summary>Deepest recursion of macro calls and recursive loops.</summary>
    public int MaxCallDepth { get; init; } = 100;

    /// <summary>Longest output, and longest string or list the template can build, in characters or items.</summary>
    public int MaxOutputLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>The clock behind <c>strftime_now</c>; the local time when null.</summary>
    public Func<DateTime>? Now { get; init; }

    internal void Validate()
    {
        Check(MaxNestingDepth, nameof(MaxNestingDepth));
        Check(MaxSteps, nameof(MaxSteps));
        Check(MaxCallDepth, nameof(MaxCallDepth));
        Check(MaxOutputLength, nameof(MaxOutputLength));

        static void Check(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"JinjaOptions.{name} must be positive.");
            }
        }
    }
}
