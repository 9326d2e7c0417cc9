namespace LocalMultimodal.Server.Hosting;

/// <summary>One command-line flag: its name, what it takes, its default for <c>--help</c>, and how it applies.</summary>
/// <param name="Name">The flag, with its leading dashes.</param>
/// <param name="ValueName">What it takes, such as <c>PATH</c>; null for a switch.</param>
/// <param name="Default">The default, as <c>--help</c> shows it.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Apply">Sets the option from the flag's values (none for a switch).</param>
/// <param name="Multiple">Takes one or more values, up to the next flag.</param>
internal sealed record Flag(
    string Name,
    string? ValueName,
    string Default,
    string Description,
    Action<ServerOptions, IReadOnlyList<string>> Apply,
    bool Multiple = false);
