using System.Text.Json.Nodes;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Tools;

/// <summary>
/// A conversation with tools, made renderable by a template that knows only roles and text (the generic format, as
/// llama.cpp's polyfills do): the tool description joins the system turn, an assistant's calls become its JSON answer
/// <c>{"tool_calls": [...]}</c>, and tool results become a user turn of <c>{"tool_response": ...}</c> objects
/// (consecutive results in one turn, so that templates which demand alternating roles accept it).
/// </summary>
internal static class GenericHistory
{
    public static IReadOnlyList<ChatTurn> Rewrite(IReadOnlyList<ChatTurn> conversation, string? systemText)
    {
        var turns = new List<ChatTurn>(conversation.Count + 1);
        if (systemText is not null)
        {
            turns.Add(conversation.Count > 0 && conversation[0].Role == "system"
                ? new ChatTurn("system", [.. conversation[0].Items, "\n\n" + systemText])
                : new ChatTurn("system", systemText));
        }

        var results = new List<JsonObject>();
        for (int i = systemText is not null && conversation.Count > 0 && conversation[0].Role == "system" ? 1 : 0; i < conversation.Count; i++)
        {
            ChatTurn turn = conversation[i];
            if (turn.Role == "tool")
            {
                results.Add(new JsonObject
                {
                    ["tool_response"] = new JsonObject
                    {
                        ["tool"] = turn.Name,
                        ["tool_call_id"] = turn.ToolCallId,
                        ["content"] = string.Concat(turn.Items.Select(item => item.Text)),
                    },
                });
                continue;
            }

            Flush(turns, results);
            if (turn.Role == "assistant" && turn.ToolCalls is { Count: > 0 } calls)
            {
                var answer = new JsonObject
                {
                    ["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments.DeepClone(), ["id"] = c.Id })]),
                };
                turns.Add(new ChatTurn("assistant", answer.ToJsonString()));
            }
            else
            {
                turns.Add(turn);
            }
        }

        Flush(turns, results);
        return turns;
    }

    private static void Flush(List<ChatTurn> turns, List<JsonObject> results)
    {
        if (results.Count > 0)
        {
            turns.Add(new ChatTurn("user", string.Join("\n", results.Select(r => r.ToJsonString()))));
            results.Clear();
        }
    }
}
