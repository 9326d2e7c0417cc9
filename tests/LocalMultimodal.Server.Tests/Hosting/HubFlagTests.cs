using System.Globalization;
using LocalMultimodal.Hub;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Tests.Hosting;

/// <summary>The hub model flags (<c>--model owner/repo:quant</c>, <c>-hf</c>, <c>--offline</c>) and the download progress display.</summary>
public sealed class HubFlagTests
{
    [Theory]
    [InlineData("--model")]
    [InlineData("-hf")]
    public void ModelReference_IsTakenByModelAndHf(string flag)
    {
        var options = ServerCommandLine.Parse([flag, "ggml-org/gemma-3-4b-it-GGUF:Q4_K_M", "--offline"], _ => null);
        Assert.Equal("ggml-org/gemma-3-4b-it-GGUF:Q4_K_M", options.ModelPath);
        Assert.True(options.Offline);
        Assert.True(ModelReference.TryParse(options.ModelPath, out var reference));
        Assert.Equal("Q4_K_M", reference.Quant);
    }

    [Fact]
    public void Offline_TakesNoValue() =>
        Assert.Contains("--offline takes no value", Assert.Throws<FormatException>(() => ServerCommandLine.Parse(["--offline=1"], _ => null)).Message, StringComparison.Ordinal);

    [Fact]
    public void Help_ListsTheVerbsAndTheHubVariables()
    {
        string help = ServerCommandLine.HelpText();
        Assert.Contains("pull REPO[:QUANT]", help, StringComparison.Ordinal);
        Assert.Contains("list ", help, StringComparison.Ordinal);
        Assert.Contains("HF_ENDPOINT", help, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_OFFLINE", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_OnATerminal_RedrawsABarWithSizeSpeedAndTimeLeft()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ConsoleDownloadProgress(output, terminal: true);
        progress.Report(new DownloadProgress("o/r", "m-Q8_0.gguf", 0, 200_000_000, 0, Completed: false));
        progress.Report(new DownloadProgress("o/r", "m-Q8_0.gguf", 50_000_000, 200_000_000, 25_000_000, Completed: false));
        progress.Report(new DownloadProgress("o/r", "m-Q8_0.gguf", 200_000_000, 200_000_000, 25_000_000, Completed: true));

        string text = output.ToString();
        Assert.StartsWith("Downloading m-Q8_0.gguf (200.0 MB) from o/r", text, StringComparison.Ordinal);
        Assert.Contains("\r[#######", text, StringComparison.Ordinal);
        Assert.Matches(@"\r\[#{8}-{22}\]  25% +50\.0 MB / 200\.0 MB +25\.0 MB/s  0:06 left", text);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("SHA-256 verified", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_ToALog_WritesPlainLinesWithoutCarriageReturns()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ConsoleDownloadProgress(output, terminal: false);
        progress.Report(new DownloadProgress("o/r", "m.gguf", 0, 2_000, 0, Completed: false));
        progress.Report(new DownloadProgress("o/r", "m.gguf", 1_000, 2_000, 500, Completed: false));
        progress.Report(new DownloadProgress("o/r", "m.gguf", 2_000, 2_000, 500, Completed: true));

        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.DoesNotContain('\r', output.ToString().Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
        Assert.Equal("Downloading m.gguf (2.0 kB) from o/r", lines[0]);
        Assert.StartsWith("  m.gguf: 2.0 kB in ", lines[^1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }
}
