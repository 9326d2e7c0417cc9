using LocalMultimodal.Prompts;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Turns Microsoft.Extensions.AI messages into engine chat turns, in order, dropping nothing the model should see.</summary>
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

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var items = new List<ChatTurnItem>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
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

            turns.Add(new ChatTurn(RoleOf(message.Role), items));
        }

        return turns;
    }

    private static string RoleOf(ChatRole role)
    {
        if (role == ChatRole.System || role == ChatRole.User || role == ChatRole.Assistant)
        {
            return role.Value;
        }

        throw new NotSupportedException($"Messages with role '{role}' are not supported: use system, user or assistant.");
    }
}
