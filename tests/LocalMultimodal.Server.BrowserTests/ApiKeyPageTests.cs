using LocalMultimodal.Server.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary>
/// With <c>--api-key</c> the page itself loads without a key (it holds nothing secret), the API answers 401 until
/// the user gives the key, and the key is kept for the tab (session storage).
/// </summary>
public sealed class ApiKeyPageTests(KeyedPageFixture fixture, ITestOutputHelper output) : IClassFixture<KeyedPageFixture>
{
    [Fact]
    public async Task PageAsksForTheKey_OnA401_AndKeepsItForTheSession()
    {
        await using var chat = await fixture.OpenAsync(waitForModels: false);
        Assert.Equal(200, chat.Response!.Status);
        Assert.Equal(401, (await chat.Page.APIRequest.GetAsync("/v1/models")).Status);
        var dialog = chat.Page.Locator("#key-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        output.WriteLine($"Screenshot: {await chat.ScreenshotAsync("api-key.png")}");

        // Closing the prompt leaves a message; sending asks again.
        await chat.Page.PressAsync("#key-input", "Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(chat.Page.Locator("#banner")).ToContainTextAsync("This server needs an API key.");
        await chat.Page.FillAsync("#prompt", "Hello?");
        await chat.Page.PressAsync("#prompt", "Enter");
        await Expect(dialog).ToBeVisibleAsync();

        await chat.Page.FillAsync("#key-input", "wrong-key");
        await chat.Page.PressAsync("#key-input", "Enter");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(chat.Page.Locator("#model option")).ToHaveCountAsync(0);
        await chat.Page.FillAsync("#key-input", KeyedPageFixture.ApiKey);
        await chat.Page.PressAsync("#key-input", "Enter");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(chat.Page.Locator("#model option")).ToHaveTextAsync(["localmm-colour-demo"]);
        await Expect(chat.Page.Locator(".message.user .message-body")).ToHaveTextAsync("Hello?");
        await Expect(chat.LastAnswer.Locator(".message-body")).ToHaveTextAsync("none");
        await chat.AttachAsync(TestFiles.Png("red.png", 255, 0, 0));
        Assert.Contains("red", (await chat.AskAsync("Colour?")).Text);

        await chat.GotoAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(KeyedPageFixture.ApiKey, await chat.Page.EvaluateAsync<string>("() => sessionStorage.getItem('localmm.apiKey')"));
        Assert.Null(await chat.Page.EvaluateAsync<string?>("() => localStorage.getItem('localmm.apiKey')"));
        chat.AssertNothingRan();
    }
}
