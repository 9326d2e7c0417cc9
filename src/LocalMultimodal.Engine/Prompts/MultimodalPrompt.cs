using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>
/// A raw prompt with media markers and the media that fill them, in marker order, like vLLM's
/// <c>{"prompt", "multi_modal_data"}</c>. The text is used as written (apply the chat template yourself,
/// or use the engine's chat method); each <see cref="MediaMarker"/> stands for the next media item.
/// </summary>
public sealed class MultimodalPrompt
{
    /// <summary>The marker that stands for one media item in <see cref="Text"/>.</summary>
    public const string MediaMarker = "<__media__>";

    /// <summary>Creates a prompt.</summary>
    public MultimodalPrompt(string text, params IReadOnlyList<MediaInput> media)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(media);
        Text = text;
        Media = media;
    }

    /// <summary>The prompt text with one <see cref="MediaMarker"/> per media item.</summary>
    public string Text { get; }

    /// <summary>The media, in the order of the markers.</summary>
    public IReadOnlyList<MediaInput> Media { get; }
}
