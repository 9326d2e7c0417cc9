using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Metrics;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Turns drafts into the engine's conversation: checks the per-prompt limits and the model's modalities first,
/// then fetches every URL (concurrently) through the hardened <see cref="MediaFetcher"/>.
/// </summary>
internal sealed class MediaResolver(MediaFetcher fetcher, ServerMetrics metrics)
{
    /// <param name="drafts">The request's messages.</param>
    /// <param name="capabilities">What the model takes, and the per-prompt limits.</param>
    /// <param name="requestOptions">The request's own media options (frame count, pixel budget).</param>
    /// <param name="cancellationToken">The client's abort token.</param>
    public async Task<List<ChatTurn>> ResolveAsync(
        IReadOnlyList<TurnDraft> drafts, EngineCapabilities capabilities, RequestMediaOptions requestOptions, CancellationToken cancellationToken)
    {
        var media = drafts.SelectMany(t => t.Parts).Select(p => p.Media).OfType<MediaDraft>().ToList();
        // The engine checks these too; checking here refuses a request before it costs any fetching.
        MediaRules.CheckPerPrompt([.. media.Select(m => m.Modality)], capabilities, i => media[i].Param);
        var resolved = await Task.WhenAll(media.Select(m => ResolveAsync(m, requestOptions, cancellationToken)));
        foreach (var item in resolved)
        {
            metrics.CountMedia(item.Modality);
        }

        // The resolved items are in the drafts' order; hand them back out in that order.
        var next = new Queue<MediaInput>(resolved);
        return [.. drafts.Select(t => new ChatTurn(t.Role, [.. t.Parts.Select(p => p.Media is null
            ? ChatTurnItem.FromText(p.Text!)
            : ChatTurnItem.FromMedia(next.Dequeue()))]) { ToolCalls = t.ToolCalls, ToolCallId = t.ToolCallId, Name = t.Name })];
    }

    private async Task<MediaInput> ResolveAsync(MediaDraft draft, RequestMediaOptions requestOptions, CancellationToken cancellationToken)
    {
        if (draft.IsReference)
        {
            return draft.Modality switch
            {
                MediaModality.Image => ImageInput.Reference(draft.Uuid!).WithPixelBudget(requestOptions.ImageMinPixels, requestOptions.ImageMaxPixels),
                MediaModality.Audio => AudioInput.Reference(draft.Uuid!),
                _ => VideoInput.Reference(draft.Uuid!),
            };
        }

        if (draft.Embeds is { } embeds)
        {
            return EmbedsDecoder.Decode(draft, embeds);
        }

        ReadOnlyMemory<byte> bytes = draft.Data;
        string? format = draft.Format;
        if (draft.Url is { } url)
        {
            FetchedMedia fetched;
            using var span = ServerMetrics.Source.StartActivity("localmm.fetch");
            span?.SetTag("localmm.media.modality", draft.Modality.ToString().ToLowerInvariant());
            try
            {
                fetched = await fetcher.FetchAsync(url, draft.Modality, cancellationToken);
            }
            catch (MediaFetchException e)
            {
                // The same refusal, pointing at the part; its inner exception (socket or DNS detail) is not passed on.
                throw new MediaFetchException(e.Message, e.Rule) { Param = draft.Param };
            }

            bytes = fetched.Data;
            format = MediaRules.FormatHintOf(fetched.MediaType);
        }

        return draft.Modality switch
        {
            MediaModality.Image => ImageInput.FromEncoded(bytes, draft.Uuid).WithPixelBudget(requestOptions.ImageMinPixels, requestOptions.ImageMaxPixels),
            MediaModality.Audio => AudioInput.FromEncoded(bytes, draft.Uuid, format),
            _ => VideoInput.FromEncoded(bytes, draft.Uuid, requestOptions.VideoNumFrames).WithFps(requestOptions.VideoFps),
        };
    }

}
