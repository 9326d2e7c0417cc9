using Microsoft.Playwright;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>
/// One server process and one headless Chromium for a test class; each test opens its own browser context, so
/// local and session storage start empty. Chromium is Debian's (<see cref="ChromiumPath"/>): Playwright never
/// downloads a browser here.
/// </summary>
public abstract class PageFixture : IAsyncLifetime
{
    /// <summary>Debian's <c>chromium</c> package; <c>.ci/run</c> installs it.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private ServerProcess? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl => server!.BaseUrl;

    internal string ServerLog => server!.Log;

    /// <summary>The server's flags (the port is added).</summary>
    protected abstract IEnumerable<string> ServerFlags { get; }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"The browser tests need Chromium at {ChromiumPath} (apt-get install chromium).");
        Assertions.SetDefaultExpectTimeout(30_000);
        var starting = ServerProcess.StartAsync(ServerFlags);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers has no user namespaces for the sandbox, and containers have a small /dev/shm;
            // the fake devices let the page record (Chromium's fake microphone plays a beep).
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
        });
        server = await starting;
    }

    /// <summary>A fresh browser context (empty storage) with the chat page open and its model list loaded.</summary>
    internal async Task<ChatPage> OpenAsync(int width = 1280, int height = 800, bool waitForModels = true)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Permissions = ["microphone"],
        });
        context.SetDefaultTimeout(30_000);
        return await ChatPage.OpenAsync(context, waitForModels);
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
