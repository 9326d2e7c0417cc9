using System.Text.Json;
using LocalMultimodal.Server.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary>
/// Markup in file names and in saved history stays text, and the page and its files carry a strict
/// Content-Security-Policy. A rendering bug is caught by the DOM checks, not only by the dialogs (which the CSP alone
/// would already block).
/// </summary>
[Collection(DemoPageCollection.Name)]
public sealed class PageSafetyTests(DemoPageFixture fixture)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Theory]
    [InlineData("/")]
    [InlineData("/webui/app.js")]
    [InlineData("/webui/style.css")]
    public async Task PageAndItsFiles_CarryAStrictContentSecurityPolicy(string path)
    {
        await using var chat = await fixture.OpenAsync();

        var response = await chat.Page.APIRequest.GetAsync(path);

        Assert.Equal(200, response.Status);
        string policy = response.Headers["content-security-policy"];
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        // The page itself runs under that policy without a single violation (they are logged as console errors).
        Assert.Equal(200, chat.Response!.Status);
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task FileNameWithMarkup_IsShownAsText()
    {
        await using var chat = await fixture.OpenAsync();

        await chat.AttachAsync(TestFiles.Png($"{Markup}.png", 255, 0, 0));
        await Expect(chat.Page.Locator("#attachments .attachment-name")).ToHaveTextAsync($"{Markup}.png");
        var (text, _) = await chat.AskAsync(Markup);

        Assert.Contains("red", text);
        await Expect(chat.Page.Locator(".message.user figcaption")).ToHaveTextAsync($"{Markup}.png");
        await Expect(chat.Page.Locator(".message.user .message-body")).ToHaveTextAsync(Markup);
        await Expect(chat.Page.Locator("img[src='x']")).ToHaveCountAsync(0);
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task SavedHistoryWithMarkup_IsShownAsText_WithSafeMarkdown()
    {
        await using var chat = await fixture.OpenAsync();
        string answer = $"{Markup} is **bold**, <script>alert(2)</script> and [a link](javascript:alert(3)) and [docs](https://example.org/) for snake_case_name";
        var saved = new[]
        {
            new
            {
                id = "c1", title = Markup, created = 1,
                messages = new object[]
                {
                    new { role = "user", text = Markup, attachments = new[] { new { kind = "image", name = Markup, mime = "image/png", dataUrl = (string?)null } } },
                    new { role = "assistant", text = answer },
                },
            },
        };
        await chat.Page.EvaluateAsync("json => localStorage.setItem('localmm.conversations', json)", JsonSerializer.Serialize(saved));

        await chat.GotoAsync();

        await Expect(chat.Page.Locator("#conversations .conversation")).ToHaveTextAsync([Markup]);
        await Expect(chat.Page.Locator(".message.user .message-body")).ToHaveTextAsync(Markup);
        await Expect(chat.Page.Locator(".message.user figcaption")).ToHaveTextAsync(Markup);
        var body = chat.LastAnswer.Locator(".message-body");
        await Expect(body).ToContainTextAsync($"{Markup} is bold, <script>alert(2)</script> and [a link](javascript:alert(3)) and docs for snake_case_name");
        await Expect(body.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(body.Locator("a")).ToHaveAttributeAsync("href", "https://example.org/");
        await Expect(body.Locator("em")).ToHaveCountAsync(0);
        await Expect(chat.Page.Locator("img[src='x']")).ToHaveCountAsync(0);
        await Expect(chat.Page.Locator("#messages script")).ToHaveCountAsync(0);
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task UnsupportedFile_IsRefusedByName()
    {
        await using var chat = await fixture.OpenAsync();

        await chat.AttachAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });

        await Expect(chat.Page.Locator("#banner")).ToContainTextAsync("notes.txt is not an image, audio or video file");
        await Expect(chat.Page.Locator("#attachments li")).ToHaveCountAsync(0);
    }
}
