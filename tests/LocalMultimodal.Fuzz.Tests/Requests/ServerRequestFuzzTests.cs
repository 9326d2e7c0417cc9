using LocalMultimodal.Fuzz.Requests;
using Xunit.Abstractions;

namespace LocalMultimodal.Fuzz.Tests.Requests;

/// <summary>
/// Mutated OpenAI requests (wrong types, huge and negative numbers, deep nesting, odd Unicode, truncated base64,
/// mixed media parts) sent to a live server process: never a 5xx, never a dead server, memory back within bounds.
/// </summary>
public sealed class ServerRequestFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 1000;

    [Fact]
    public async Task Mutated_requests_never_get_a_5xx_or_kill_the_server()
    {
        using var server = await ServerUnderFuzz.StartAsync(Program.ServerArguments);
        var log = new StringWriter();

        RequestFuzzReport report = await new RequestFuzzRun(server, log).RunAsync(seed: 17, count: Requests, parallel: 4);

        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join('\n', report.Failures.Take(20))}");
        Assert.Equal(Requests, report.Requests);
    }
}
