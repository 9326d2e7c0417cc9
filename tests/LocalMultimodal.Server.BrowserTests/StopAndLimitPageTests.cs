using System.Text.RegularExpressions;
using LocalMultimodal.Server.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary>Stopping an answer part way, and API errors (over the media limit, a body too large) shown to the user.</summary>
public sealed partial class StopAndLimitPageTests(LimitedPageFixture fixture) : IClassFixture<LimitedPageFixture>
{
    [Fact]
    public async Task Stop_MidAnswer_FreesTheSequence_AndTheNextQuestionIsAnswered()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.SetSettingsAsync(temperature: 0, maxTokens: 16_000);
        await chat.SendAsync("Tell me a long story.");
        await Expect(chat.LastAnswer.Locator(".message-body")).ToHaveTextAsync(new Regex(@"\S{20,}|(\S+\s+){5,}"));

        await chat.Page.ClickAsync("#stop");

        await Expect(chat.LastAnswer.Locator(".message-meta")).ToContainTextAsync("stopped");
        await Expect(chat.Page.Locator("#send")).ToBeVisibleAsync();
        string metrics = "";
        for (int i = 0; i < 100 && !IdleSequences().IsMatch(metrics); i++)
        {
            await Task.Delay(100);
            metrics = await (await chat.Page.APIRequest.GetAsync("/metrics")).TextAsync();
        }

        Assert.Matches(IdleSequences(), metrics);
        Assert.Equal(200, (await chat.Page.APIRequest.GetAsync("/health")).Status);
        await chat.SetSettingsAsync(temperature: 0, maxTokens: 4);
        var (_, meta) = await chat.AskAsync("And now?");
        Assert.Equal(4, GeneratedTokens(meta));
        chat.AssertNothingRan();
    }

    [Fact]
    public async Task TwoImages_OverTheLimitOfOne_ShowTheServersError()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(TestFiles.Png("one.png", 255, 0, 0), TestFiles.Png("two.png", 0, 0, 255));

        await chat.AskAsync("Compare these.");

        var error = chat.LastAnswer.Locator(".error");
        await Expect(error).ToHaveTextAsync("The prompt has 2 image items, but at most 1 are allowed per prompt (limit_mm_per_prompt).");
        await Expect(chat.Page.Locator(".message.user img")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task TooLargeRequest_ShowsTheServersError()
    {
        await using var chat = await fixture.OpenAsync();
        await chat.AttachAsync(new FilePayload { Name = "long.wav", MimeType = "audio/wav", Buffer = Wavs.Tone(440, 16_000, 1, seconds: 10) });

        await chat.AskAsync("Listen.");

        await Expect(chat.LastAnswer.Locator(".error")).ToHaveTextAsync(
            $"The request body is larger than this server accepts ({LimitedPageFixture.MaxRequestBytes} bytes, --max-request-bytes).");
    }

    private static int GeneratedTokens(string meta) =>
        int.Parse(Regex.Match(meta, @"(\d+) generated").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?m)^localmm_active_sequences(\{[^}]*\})? 0( \d+)?$")]
    private static partial Regex IdleSequences();
}
