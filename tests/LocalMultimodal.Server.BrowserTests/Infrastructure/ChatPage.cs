using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalMultimodal.Server.BrowserTests.Infrastructure;

/// <summary>The chat page in a browser context, driven as a user would, recording dialogs and script errors.</summary>
internal sealed partial class ChatPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => ScriptErrors.Enqueue(error);
        page.Console += (_, message) =>
        {
            // HTTP errors the test provokes (401, 400) are logged as "Failed to load resource"; the tests check those
            // statuses themselves. What is left are script exceptions and CSP violations.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                ScriptErrors.Enqueue(message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every alert, confirm or prompt the page opened: model text or file names that ran as code.</summary>
    public ConcurrentQueue<string> Dialogs { get; } = new();

    /// <summary>Uncaught exceptions and console errors other than failed requests, CSP violations among them.</summary>
    public ConcurrentQueue<string> ScriptErrors { get; } = new();

    /// <summary>The response to the page's own request.</summary>
    public IResponse? Response { get; private set; }

    public ILocator Answers => Page.Locator(".message.assistant");

    public ILocator LastAnswer => Answers.Last;

    public static async Task<ChatPage> OpenAsync(IBrowserContext context, bool waitForModels)
    {
        var chat = new ChatPage(context, await context.NewPageAsync());
        await chat.GotoAsync(waitForModels);
        return chat;
    }

    /// <summary>Loads (or reloads) the page; waits for the model list unless told not to.</summary>
    public async Task GotoAsync(bool waitForModels = true)
    {
        Response = await Page.GotoAsync("/");
        if (waitForModels)
        {
            await Expect(Page.Locator("#model option")).Not.ToHaveCountAsync(0);
        }
    }

    /// <summary>Attaches files through the file picker.</summary>
    public Task AttachAsync(params FilePayload[] files) => Page.SetInputFilesAsync("#file", files);

    /// <summary>Drops files on the conversation as a file manager would: dragenter, dragover, drop with a DataTransfer.</summary>
    public Task DropAsync(FilePayload file) => Dispatch(file, "drop");

    /// <summary>Pastes a file into the message box as a clipboard paste would.</summary>
    public Task PasteAsync(FilePayload file) => Dispatch(file, "paste");

    public async Task SetSettingsAsync(double temperature, int maxTokens)
    {
        await Page.FillAsync("#temperature", temperature.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.FillAsync("#max-tokens", maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Types the message and presses Enter; returns once the answer has started (its bubble exists).</summary>
    public async Task SendAsync(string text)
    {
        int before = await Answers.CountAsync();
        await Page.FillAsync("#prompt", text);
        await Page.PressAsync("#prompt", "Enter");
        await Expect(Answers).ToHaveCountAsync(before + 1);
    }

    /// <summary>Sends and waits until the answer has finished streaming; returns its text and its statistics line.</summary>
    public async Task<(string Text, string Meta)> AskAsync(string text)
    {
        await SendAsync(text);
        await Expect(Page.Locator(".message.assistant.streaming")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#stop")).ToBeHiddenAsync();
        return (await LastAnswer.Locator(".message-body").InnerTextAsync(), await LastAnswer.Locator(".message-meta").InnerTextAsync());
    }

    /// <summary>
    /// Asks; the answer must match <paramref name="answer"/> and its prompt must have counted tokens of
    /// <paramref name="modality"/>. Returns the statistics line.
    /// </summary>
    public async Task<string> AskAboutMediaAsync(string question, string answer, string modality)
    {
        var (text, meta) = await AskAsync(question);
        Assert.Matches(answer, text);
        Assert.True(Figure(meta, modality) > 0, $"No {modality} tokens counted: {meta}");
        return meta;
    }

    /// <summary>The figures of a statistics line such as <c>prompt 36 (text 20 · image 16 · audio 0) · cached 0 · 2 generated</c>.</summary>
    public static int Figure(string meta, string name)
    {
        var match = Regex.Match(meta, $@"\b{name} (\d+)");
        Assert.True(match.Success, $"No '{name}' figure in '{meta}'.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Saves a screenshot below the test output folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        await Page.ScreenshotAsync(new() { Path = path });
        return path;
    }

    /// <summary>Fails when the page opened a dialog or logged a script error.</summary>
    public void AssertNothingRan()
    {
        Assert.True(Dialogs.IsEmpty, $"The page opened dialogs: {string.Join(", ", Dialogs)}");
        Assert.True(ScriptErrors.IsEmpty, $"The page logged errors: {string.Join("\n", ScriptErrors)}");
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private Task Dispatch(FilePayload file, string how) => Page.EvaluateAsync(
        """
        ([name, type, base64, how]) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type }));
          if (how === 'paste') {
            document.getElementById('prompt').dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
          } else {
            const target = document.getElementById('messages');
            for (const kind of ['dragenter', 'dragover', 'drop']) {
              target.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
          }
        }
        """,
        new[] { file.Name, file.MimeType, Convert.ToBase64String(file.Buffer), how });
}
