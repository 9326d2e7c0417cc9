namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>The server as the README starts it: no flags, the built-in demo model.</summary>
public sealed class DemoPageFixture : PageFixture
{
    protected override IEnumerable<string> ServerFlags => [];
}
