namespace LocalMultimodal.Tools;

/// <summary>
/// Whether and which tool the model must call (OpenAI's <c>tool_choice</c>): <see cref="Auto"/> lets the model answer
/// in text or call a tool, <see cref="None"/> keeps it to text, <see cref="Required"/> makes it call some tool and
/// <see cref="Function"/> one named tool.
/// </summary>
public sealed class ToolChoice : IEquatable<ToolChoice>
{
    private ToolChoice(ToolChoiceMode mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary>The model decides: text, or a call once it writes the format's opening (the grammar applies from there).</summary>
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto, null);

    /// <summary>No calls: the tools are left out of the prompt and the answer is text.</summary>
    public static ToolChoice None { get; } = new(ToolChoiceMode.None, null);

    /// <summary>The answer is one or more calls, constrained from the first token.</summary>
    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required, null);

    /// <summary>Which kind of choice this is.</summary>
    public ToolChoiceMode Mode { get; }

    /// <summary>For <see cref="ToolChoiceMode.Function"/>: the tool that must be called.</summary>
    public string? FunctionName { get; }

    /// <summary>The answer is a call of the tool named <paramref name="name"/>, constrained from the first token.</summary>
    public static ToolChoice Function(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(ToolChoiceMode.Function, name);
    }

    /// <inheritdoc />
    public bool Equals(ToolChoice? other) => other is not null && other.Mode == Mode && other.FunctionName == FunctionName;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ToolChoice);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mode, FunctionName);

    /// <inheritdoc />
    public override string ToString() => Mode == ToolChoiceMode.Function ? $"function '{FunctionName}'" : Mode.ToString().ToLowerInvariant();
}
