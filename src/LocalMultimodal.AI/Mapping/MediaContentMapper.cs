using LocalMultimodal.Fetching;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Turns one media content into an engine media item, fetching <see cref="UriContent"/> through the fetcher.</summary>
internal sealed class MediaContentMapper(MediaFetcher fetcher, ILogger logger)
{
    public static bool IsMedia(AIContent content) =>
        content is DataContent or UriContent or MediaReferenceContent or MediaInputContent;

    public async ValueTask<MediaInput> MapAsync(AIContent content, CancellationToken cancellationToken) => content switch
    {
        MediaInputContent input => MediaGrid.Apply(input),
        MediaReferenceContent reference => Reference(reference.Modality, reference.Uuid),
        DataContent data => FromBytes(data.Data, data.MediaType, data),
        UriContent uri => await FetchAsync(uri, cancellationToken).ConfigureAwait(false),
        _ => throw new NotSupportedException($"{content.GetType().Name} is not media."),
    };

    private async Task<MediaInput> FetchAsync(UriContent content, CancellationToken cancellationToken)
    {
        // The declared type decides the modality (and so the fetch deadline and byte cap) before anything is fetched.
        var modality = ModalityOf(content.MediaType, content);
        // AbsoluteUri, not OriginalString: a Uri made from a bare path ("/media/a.png") is a file URL, and should read as one.
        string url = content.Uri.IsAbsoluteUri ? content.Uri.AbsoluteUri : content.Uri.OriginalString;
        Log.FetchingMedia(logger, modality.ToString(), url);
        var fetched = await fetcher.FetchAsync(url, modality, cancellationToken).ConfigureAwait(false);
        return FromBytes(fetched.Data, content.MediaType, content);
    }

    private static MediaInput FromBytes(ReadOnlyMemory<byte> bytes, string mediaType, AIContent content) => ModalityOf(mediaType, content) switch
    {
        MediaModality.Image => ImageInput.FromEncoded(bytes, MediaUuid.Read(content)),

        // The subtype (mpeg, flac, ogg, ...) is only a hint: the decoder goes by the content.
        MediaModality.Audio => AudioInput.FromEncoded(bytes, MediaUuid.Read(content), MediaRules.FormatHintOf(mediaType)),
        _ => VideoInput.FromEncoded(bytes, MediaUuid.Read(content), MediaNumFrames.Read(content)).WithFps(MediaFps.Read(content)),
    };

    private static MediaInput Reference(MediaModality modality, string uuid) => modality switch
    {
        MediaModality.Image => ImageInput.Reference(uuid),
        MediaModality.Audio => AudioInput.Reference(uuid),
        _ => VideoInput.Reference(uuid),
    };

    private static MediaModality ModalityOf(string mediaType, AIContent content) =>
        MediaRules.ModalityOf(mediaType) ?? throw new NotSupportedException(
            $"A {content.GetType().Name} of media type '{mediaType}' cannot be given to the model: it takes text, image/*, audio/* and video/*.");
}
