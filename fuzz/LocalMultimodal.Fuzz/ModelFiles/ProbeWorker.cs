using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// The child side of the model-file fuzzer: reads one case per line from stdin (<c>llm TAB projector-or-dash</c>),
/// loads the engine on it, asks one question with an image and/or a sound (whatever the projector takes), decodes
/// one token and writes one verdict line. A file that kills the process ends the worker: the parent sees it die.
/// </summary>
internal static class ProbeWorker
{
    public const string ResultPrefix = "@@RESULT ";

    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            string[] parts = line.Split('\t');
            ProbeVerdict verdict = await ProbeAsync(parts[0], parts.Length > 1 && parts[1] != "-" ? parts[1] : null);
            await output.WriteLineAsync($"{ResultPrefix}{verdict.Outcome}\t{OneLine(verdict.Message)}");
            await output.FlushAsync();
        }

        return 0;
    }

    public static async Task<ProbeVerdict> ProbeAsync(string llm, string? projector)
    {
        MultimodalEngine engine;
        try
        {
            engine = await MultimodalEngine.LoadAsync(new EngineOptions
            {
                ModelPath = llm,
                ProjectorPath = projector,
                ContextSize = 2048,
                MaxConcurrentSequences = 1,
                Threads = 1,
                EnablePrefixCaching = false,
                MediaCacheBytes = 0,
            });
        }
        catch (ModelLoadException e)
        {
            return new ProbeVerdict(ProbeOutcome.Refused, e.Message);
        }
        catch (Exception e)
        {
            return new ProbeVerdict(ProbeOutcome.Unexpected, $"load: {e.GetType().Name}: {e.Message}");
        }

        await using (engine)
        {
            var items = new List<ChatTurnItem> { "What is this?" };
            if (engine.Capabilities.SupportsImages)
            {
                items.Add(ImageInput.FromPixels(8, 8, PixelFormat.Rgb24, Enumerable.Repeat((byte)200, 8 * 8 * 3).ToArray()));
            }

            if (engine.Capabilities.SupportsAudio)
            {
                items.Add(AudioInput.FromSamples(Enumerable.Range(0, 8000).Select(i => MathF.Sin(i * 0.3f) * 0.5f).ToArray(), 16000));
            }

            try
            {
                await foreach (var update in engine.ChatAsync([new ChatTurn("user", items)], SamplingOptions.Greedy(maxTokens: 1)))
                {
                    _ = update;
                }

                return new ProbeVerdict(ProbeOutcome.Answered, $"{items.Count - 1} media item(s)");
            }
            catch (MultimodalException e)
            {
                // A clean refusal of the request (say, more image tokens than the context holds) is fine.
                return new ProbeVerdict(ProbeOutcome.AnsweredWithError, $"{e.GetType().Name}: {e.Message}");
            }
            catch (Exception e)
            {
                return new ProbeVerdict(ProbeOutcome.Unexpected, $"generate: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
