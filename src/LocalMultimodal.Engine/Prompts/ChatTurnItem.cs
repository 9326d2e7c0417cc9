using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>A piece of a <see cref="ChatTurn"/>: text or one media item.</summary>
public sealed class ChatTurnItem
{
    private ChatTurnItem(string? text, MediaInput? media)
    {
        Text = text;
        Media = media;
    }

    /// <summary>The text, when this piece is text.</summary>
    public string? Text { get; }

    /// <summary>The media item, when this piece is media.</summary>
    public MediaInput? Media { get; }

    /// <summary>A text piece. Its content is always text: media markers and special tokens in it are not interpreted.</summary>
    public static ChatTurnItem FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, null);
    }

    /// <summary>A media piece.</summary>
    public static ChatTurnItem FromMedia(MediaInput media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return new(null, media);
    }

    /// <summary>Text converts to a text piece.</summary>
    public static implicit operator ChatTurnItem(string text) => FromText(text);

    /// <summary>An image converts to a media piece.</summary>
    public static implicit operator ChatTurnItem(ImageInput media) => FromMedia(media);

    /// <summary>An audio clip converts to a media piece.</summary>
    public static implicit operator ChatTurnItem(AudioInput media) => FromMedia(media);
}
