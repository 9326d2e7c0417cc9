namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>The demo model behind <c>--api-key</c>.</summary>
public sealed class KeyedPageFixture : PageFixture
{
    public const string ApiKey = "page-test-key";

    protected override IEnumerable<string> ServerFlags => ["--api-key", ApiKey];
}
