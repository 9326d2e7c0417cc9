using Xunit;

namespace LocalMultimodal.Testing;

/// <summary>Uuids every surface must refuse with the engine's one rule (1 to 256 characters of a safe set).</summary>
public static class BadUuids
{
    /// <summary>Empty, a space, non-ASCII, a line break, and one character too long.</summary>
    public static TheoryData<string> All => new("", "two words", "caf\u00e9", "line\nbreak", new string('u', 257));
}
