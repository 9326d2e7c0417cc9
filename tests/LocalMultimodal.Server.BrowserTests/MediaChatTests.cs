using LocalMultimodal.Server.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary>
/// A user's way through the page on the built-in demo model: attach media each way the page offers, ask, and read
/// the streamed answer and its statistics. The demo model names an image's colour and an audio clip's pitch.
/// </summary>
[Collection(DemoPageCollection.Name)]
public sealed class MediaChatTests(DemoPageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task RedPngThenALowTone_InOneConversation_StreamRedThenLow_WithTokensByModality()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(TestFiles.Png("red-square.png", 255, 0, 0));
        await Expect(chat.Page.Locator("#attachments img")).ToHaveCountAsync(1);

        string meta = await chat.AskAboutMediaAsync("What colour is this?", "red", "image");

        Assert.True(ChatPage.Figure(meta, "text") > 0, meta);
        Assert.Equal(0, ChatPage.Figure(meta, "audio"));
        Assert.True(ChatPage.Figure(meta, "cached") >= 0, meta);
        Assert.Matches(@"first token \d+ ms", meta);
        await Expect(chat.Page.Locator(".message.user img[alt='red-square.png']")).ToBeVisibleAsync();
        await Expect(chat.Page.Locator("#attachments li")).ToHaveCountAsync(0);

        // The demo model answers from the sound when the conversation has one.
        await chat.AttachAsync(TestFiles.Wav("tone-440.wav", 440));
        await Expect(chat.Page.Locator("#attachments audio")).ToHaveCountAsync(1);
        meta = await chat.AskAboutMediaAsync("And what do you hear?", "low", "audio");

        Assert.True(ChatPage.Figure(meta, "image") > 0, meta);
        await Expect(chat.Page.Locator(".message.user audio")).ToHaveCountAsync(1);
        output.WriteLine($"Screenshot: {await chat.ScreenshotAsync("image-answer.png")}");
        await chat.Page.SetViewportSizeAsync(390, 780);
        output.WriteLine($"Screenshot: {await chat.ScreenshotAsync("image-answer-phone.png")}");
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task DroppedImage_IsAttached_AndAnswered()
    {
        await using var chat = await fixture.OpenAsync();

        await chat.DropAsync(TestFiles.Png("dropped-blue.png", 0, 0, 255));

        await Expect(chat.Page.Locator("#attachments .attachment-name")).ToHaveTextAsync("dropped-blue.png");
        await Expect(chat.Page.Locator("#drop-overlay")).ToBeHiddenAsync();
        Assert.Contains("blue", (await chat.AskAsync("Colour?")).Text);
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task PastedImage_IsAttached_AndAnswered()
    {
        await using var chat = await fixture.OpenAsync();

        await chat.PasteAsync(TestFiles.Png("image.png", 0, 255, 0));

        await Expect(chat.Page.Locator("#attachments img")).ToHaveCountAsync(1);
        Assert.Contains("green", (await chat.AskAsync("Colour?")).Text);
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task Video_ShowsAPlayer_AndIsAnsweredFromItsFrames()
    {
        using var folder = new TempFolder();
        string mp4 = FfmpegMedia.SolidMp4(folder.Path, "blue");
        await using var chat = await fixture.OpenAsync();

        await chat.AttachAsync(new FilePayload { Name = "blue.mp4", MimeType = "video/mp4", Buffer = File.ReadAllBytes(mp4) });
        await Expect(chat.Page.Locator("#attachments video")).ToHaveCountAsync(1);
        await chat.AskAboutMediaAsync("What colour is the clip?", "blue", "image");

        chat.AssertNothingRan();
    }

    [Fact]
    public async Task UndecodableImage_ShowsTheServersError()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(new FilePayload { Name = "broken.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });

        await chat.AskAsync("Colour?");

        await Expect(chat.LastAnswer.Locator(".error")).ToHaveTextAsync("The image is not in a supported format (PNG, JPEG, WebP, GIF or BMP).");
        Assert.Equal(0, await chat.LastAnswer.Locator(".message-body p:not(.error)").CountAsync());
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task RemovedAttachment_IsNotSent()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(TestFiles.Png("keep-red.png", 255, 0, 0), TestFiles.Png("drop-blue.png", 0, 0, 255));
        await Expect(chat.Page.Locator("#attachments li")).ToHaveCountAsync(2);
        output.WriteLine($"Screenshot: {await chat.ScreenshotAsync("attachments.png")}");

        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "Remove drop-blue.png" }).ClickAsync();

        await Expect(chat.Page.Locator("#attachments li")).ToHaveCountAsync(1);
        // Both images together would average to purple.
        Assert.Contains("red", (await chat.AskAsync("Colour?")).Text);
    }

    [Fact]
    public async Task MicrophoneRecording_IsEncodedAsWav_AndHeard()
    {
        await using var chat = await fixture.OpenAsync();
        var record = chat.Page.Locator("#record");

        await record.ClickAsync();
        await Expect(record).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(chat.Page.Locator("#record-time")).ToHaveTextAsync("0:01");
        await record.ClickAsync();

        await Expect(chat.Page.Locator("#attachments .attachment-name")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^recording-\d{6}\.wav$"));
        await chat.AskAboutMediaAsync("What do you hear?", "silence|low|high", "audio");
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task ShiftEnter_AddsALine_AndEnterSends()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.Page.FillAsync("#prompt", "first line");

        await chat.Page.PressAsync("#prompt", "Shift+Enter");
        await chat.Page.Keyboard.TypeAsync("second line");

        await Expect(chat.Page.Locator("#prompt")).ToHaveValueAsync("first line\nsecond line");
        await Expect(chat.Answers).ToHaveCountAsync(0);
        await chat.Page.PressAsync("#prompt", "Enter");
        await Expect(chat.Page.Locator(".message.user .message-body")).ToHaveTextAsync("first line\nsecond line");
        await Expect(chat.Page.Locator(".message.assistant.streaming")).ToHaveCountAsync(0);
        Assert.Contains("none", await chat.LastAnswer.Locator(".message-body").InnerTextAsync());
    }

    [Fact]
    public async Task Conversations_AreKeptInTheBrowser_AndCanBeStartedAndDeleted()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(TestFiles.Png("red.png", 255, 0, 0));
        await chat.AskAsync("Which colour?");

        await chat.GotoAsync();

        await Expect(chat.Page.Locator("#conversations .conversation")).ToHaveTextAsync(["Which colour?"]);
        await Expect(chat.LastAnswer.Locator(".message-body")).ToContainTextAsync("red");
        await Expect(chat.Page.Locator(".message.user img[alt='red.png']")).ToBeVisibleAsync();

        await chat.Page.ClickAsync("#new-chat");
        await Expect(chat.Page.Locator(".message")).ToHaveCountAsync(0);
        await chat.AskAsync("Anything?");
        await Expect(chat.Page.Locator("#conversations .conversation")).ToHaveCountAsync(2);

        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Which colour?" }).ClickAsync();
        await chat.GotoAsync();
        await Expect(chat.Page.Locator("#conversations .conversation")).ToHaveTextAsync(["Anything?"]);
        chat.AssertNothingRan();
    }
}
