using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench.Template;

/// <summary>The rendered context: a system prompt, 20 turns (user, tool call, tool result, answer) and 4 tools.</summary>
internal static class BenchConversation
{
    public const int Turns = 20;

    public static JsonObject Build()
    {
        var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant. Réponds dans la langue de l'utilisateur." } };
        for (int i = 0; i < Turns; i++)
        {
            messages.Add((i % 4) switch
            {
                0 => new JsonObject { ["role"] = "user", ["content"] = $"Question {i}: what is the weather in Zürich and in 東京 today? Please answer in detail, with \"quotes\"." },
                1 => new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = "",
                    ["tool_calls"] = new JsonArray
                    {
                        new JsonObject { ["id"] = $"call_{i}", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["city"] = "Zürich", ["unit"] = "celsius" } } },
                    },
                },
                2 => new JsonObject { ["role"] = "tool", ["tool_call_id"] = $"call_{i - 1}", ["content"] = "{\"temperature\": 21.5, \"sky\": \"ensoleillé\"}" },
                _ => new JsonObject { ["role"] = "assistant", ["content"] = $"Answer {i}: it is 21.5 °C and sunny in Zürich; in 東京 it rains. " + new string('x', 200) },
            });
        }

        var tools = new JsonArray
        {
            Tool("get_weather", "Get the current weather for a city.", new JsonObject { ["city"] = Property("string", "City name"), ["unit"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("celsius", "fahrenheit") } }, "city"),
            Tool("search_web", "Search the web and return the top results.", new JsonObject { ["query"] = Property("string", "What to search"), ["max_results"] = Property("integer", "How many results") }, "query"),
            Tool("calculator", "Evaluate an arithmetic expression.", new JsonObject { ["expression"] = Property("string", "e.g. \"2 * (3 + 4)\"") }, "expression"),
            Tool("send_email", "Send an e-mail.", new JsonObject { ["to"] = new JsonObject { ["type"] = "array", ["items"] = Property("string", "address") }, ["subject"] = Property("string", "Subject"), ["body"] = Property("string", "Body") }, "to"),
        };
        return new JsonObject { ["messages"] = messages, ["tools"] = tools, ["add_generation_prompt"] = true, ["bos_token"] = "", ["eos_token"] = "<|im_end|>" };
    }

    private static JsonObject Property(string type, string description) => new() { ["type"] = type, ["description"] = description };

    private static JsonObject Tool(string name, string description, JsonObject properties, string required) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray(required) },
        },
    };
}
