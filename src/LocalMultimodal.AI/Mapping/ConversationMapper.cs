using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Prompts;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>
/// Turns Microsoft.Extensions.AI messages into engine chat turns, in order, dropping nothing the model should see.
/// An assistant's <see cref="FunctionCallContent"/>s become its turn's tool calls; each
/// <see cref="FunctionResultContent"/> becomes a <c>tool</c> turn naming the call it answers.
/// </summary>
internal sealed class ConversationMapper(MediaContentMapper media)
{
    public async Task<IReadOnlyList<ChatTurn>> MapAsync(
        IEnumerable<ChatMessage> messages, string? instructions, (int? MinPixels, int? MaxPixels) pixelBudget, CancellationToken cancellationToken)
    {
        var turns = new List<ChatTurn>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            turns.Add(new ChatTurn("system", ChatTurnItem.FromText(instructions)));
        }

        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var items = new List<ChatTurnItem>();
            var calls = new List<ChatToolCall>();
            var results = new List<ChatTurn>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call when message.Role == ChatRole.Assistant:
                        calls.Add(new ChatToolCall(call.CallId, call.Name, Arguments(call)));
                        callNames[call.CallId] = call.Name;
                        break;
                    case FunctionResultContent result:
                        results.Add(new ChatTurn("tool", ResultText(result)) { ToolCallId = result.CallId, Name = callNames.GetValueOrDefault(result.CallId) });
                        break;
                    case TextContent text:
                        items.Add(ChatTurnItem.FromText(text.Text));
                        break;
                    case UsageContent:
                        // Accounting that came back with an earlier answer, not something said: nothing to show the model.
                        break;
                    case var other when MediaContentMapper.IsMedia(other):
                        items.Add(ChatTurnItem.FromMedia(PixelBudgetMapper.Apply(await media.MapAsync(other, cancellationToken).ConfigureAwait(false), pixelBudget)));
                        break;
                    default:
                        throw new NotSupportedException(
                            $"{content.GetType().Name} in a {message.Role} message cannot be given to the model: it takes TextContent, " +
                            $"DataContent and UriContent (image/*, audio/*, video/*), {nameof(MediaReferenceContent)} and {nameof(MediaInputContent)}.");
                }
            }

            if (results.Count > 0)
            {
                if (items.Count > 0 || calls.Count > 0)
                {
                    throw new NotSupportedException($"A {message.Role} message holds function results and other content; send the results in a message of their own.");
                }

                turns.AddRange(results);
                continue;
            }

            turns.Add(new ChatTurn(RoleOf(message.Role), items) { ToolCalls = calls.Count > 0 ? calls : null });
        }

        return turns;
    }

    private static JsonObject Arguments(FunctionCallContent call)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in call.Arguments ?? new Dictionary<string, object?>())
        {
            arguments[name] = value switch
            {
                null => null,
                JsonNode node => node.DeepClone(),
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                _ => JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
            };
        }

        return arguments;
    }

    /// <summary>The result as the model reads it: text as it is, anything else as JSON (an exception as its message).</summary>
    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is { } e => $"Error: {e.Message}",
        null => string.Empty,
        string text => text,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };

    private static string RoleOf(ChatRole role)
    {
        if (role == ChatRole.System || role == ChatRole.User || role == ChatRole.Assistant)
        {
            return role.Value;
        }

        throw new NotSupportedException($"Messages with role '{role}' are not supported: use system, user or assistant (and tool, for function results).");
    }
}
