using System.Text.Json.Nodes;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tools;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// An agent loop on the built-in demo model: an agent's system prompt and three tools, a question with an image, then
/// four tool round trips (each turn's call and its result appended, the whole conversation re-rendered through the
/// template) and a last turn that answers in text. The figure is cached prompt tokens over prompt tokens on turns 2 to
/// 5: the prefix KV of the earlier turns must be reused although they are rendered again each turn.
/// </summary>
internal sealed class AgentScenario : IScenario
{
    private const int RoundTrips = 4;

    private const string Instructions =
        "You are the assistant of a paint shop. Customers send photos of walls, furniture and fabric and ask which paint matches. " +
        "Look up matching paints in the catalogue, suggest mixes when no paint matches exactly, and place orders only when the customer asks. " +
        "Answer briefly and name the paint's catalogue code.";

    public string Name => "agent";

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        using var folder = new LocalMultimodal.Testing.TempFolder();
        DemoModelFiles files = DemoModel.EnsureWritten(folder.Path);
        var ratios = new List<double>();
        var turnFigures = new JsonArray();
        await using (var engine = await MultimodalEngine.LoadAsync(new EngineOptions
        {
            ModelPath = files.Llm,
            ProjectorPath = files.Projector,
            Threads = settings.Threads,
            ContextSize = 4096,
            MaxConcurrentSequences = 2,
        }))
        {
            for (int run = 0; run <= settings.Runs; run++) // run 0 is the warm-up
            {
                var turns = await RunLoopAsync(engine, run);
                var later = turns.Skip(1).ToList();
                ratios.Add(later.Sum(t => (double)t.CachedPromptTokens) / later.Sum(t => (double)t.PromptTokens));
                if (run == settings.Runs)
                {
                    foreach (var turn in turns)
                    {
                        turnFigures.Add(new JsonObject { ["prompt_tokens"] = turn.PromptTokens, ["cached_prompt_tokens"] = turn.CachedPromptTokens });
                    }
                }
            }
        }

        ratios.RemoveAt(0);
        return new JsonObject
        {
            ["prefix_reuse"] = Stats.Round(Stats.Median(ratios), 3),
            ["round_trips"] = RoundTrips,
            ["turns"] = turnFigures,
        };
    }

    private static async Task<List<TokenUsage>> RunLoopAsync(MultimodalEngine engine, int run)
    {
        // A different image each run, so a run cannot reuse the previous run's prefix past the system prompt.
        byte[] rgb = new byte[64 * 64 * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)(200 + run), 20, 30);
        }

        var conversation = new List<ChatTurn>
        {
            new("system", Instructions),
            new("user", "Which paint matches this wall? Check the catalogue for me.", ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb)),
        };
        var usages = new List<TokenUsage>();
        for (int turn = 0; turn <= RoundTrips; turn++)
        {
            bool call = turn < RoundTrips;
            var template = new ChatTemplateOptions { Tools = Tools, ToolChoice = call ? ToolChoice.Required : ToolChoice.Auto, ParallelToolCalls = false };
            GenerationResult result = await engine.ChatAsync(conversation, SamplingOptions.Greedy(256), template).CollectAsync();
            usages.Add(result.Usage);
            if (!call)
            {
                break;
            }

            ChatToolCall toolCall = result.ToolCalls.Count == 1 ? result.ToolCalls[0] : throw new InvalidOperationException($"Turn {turn + 1} made no call: [{result.Text}] {result.FinishReason}");
            conversation.Add(new ChatTurn("assistant") { ToolCalls = [toolCall] });
            conversation.Add(new ChatTurn("tool", $"{{\"paint\": \"Signal Red\", \"code\": \"RAL 3001\", \"in_stock_litres\": {12 - turn}}}") { ToolCallId = toolCall.Id, Name = toolCall.Name });
        }

        return usages;
    }

    private static readonly string[] Palette = ["black", "white", "gray", "red", "green", "blue", "yellow", "cyan", "magenta", "orange", "purple", "pink"];

    private static IReadOnlyList<JsonObject> Tools =>
    [
        Tool("find_paint", "Finds the paint in the catalogue that matches a colour.", new JsonObject
        {
            ["colour"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Palette.Select(c => (JsonNode)c)]), ["description"] = "The colour to match." },
            ["finish"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("matt", "satin", "gloss"), ["description"] = "The finish, if the customer named one." },
        }, "colour"),
        Tool("mix_paints", "Suggests a mix of two catalogue paints that comes close to a colour.", new JsonObject
        {
            ["base"] = new JsonObject { ["type"] = "string", ["description"] = "Catalogue code of the base paint." },
            ["tint"] = new JsonObject { ["type"] = "string", ["description"] = "Catalogue code of the tint." },
            ["tint_share"] = new JsonObject { ["type"] = "number", ["description"] = "Share of the tint, 0 to 1." },
        }, "base", "tint"),
        Tool("order_paint", "Orders paint for the customer.", new JsonObject
        {
            ["code"] = new JsonObject { ["type"] = "string", ["description"] = "Catalogue code." },
            ["litres"] = new JsonObject { ["type"] = "integer", ["description"] = "How many litres." },
            ["express"] = new JsonObject { ["type"] = "boolean", ["description"] = "Next-day delivery." },
        }, "code", "litres"),
    ];

    private static JsonObject Tool(string name, string description, JsonObject properties, params string[] required) =>
        LocalMultimodal.Testing.Conformance.SurfaceTools.Function(name, description, properties, required);
}
