using System.Text.RegularExpressions;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Tests.Hosting;

/// <summary>The README's flags table says what <c>--help</c> says.</summary>
public sealed partial class ReadmeFlagsTests
{
    [Fact]
    public void FlagsTable_ListsEveryFlag_WithItsHelpDefaultAndMeaning()
    {
        string readme = File.ReadAllText(Repository.Path("README.md"));
        var rows = TableRow().Matches(readme).ToDictionary(m => m.Groups["flag"].Value, m => (Default: m.Groups["default"].Value.Trim().Trim('`'), Meaning: m.Groups["meaning"].Value.Trim().Replace("\\|", "|")));

        Assert.Equal(ServerCommandLine.Flags.Select(f => f.Name).Order(), rows.Keys.Order());
        foreach (var flag in ServerCommandLine.Flags.Where(f => f.Name != "--help"))
        {
            Assert.Equal(flag.Default, rows[flag.Name].Default);
            Assert.Equal(flag.Description, rows[flag.Name].Meaning);
        }
    }

    [GeneratedRegex(@"^\| `(?<flag>--[a-z-]+)[^`]*` \|(?<default>[^|]*)\| (?<meaning>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
