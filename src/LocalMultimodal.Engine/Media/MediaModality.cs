namespace LocalMultimodal.Media;

/// <summary>The kind of a media item.</summary>
public enum MediaModality
{
    /// <summary>A still image.</summary>
    Image,

    /// <summary>An audio clip.</summary>
    Audio,

    /// <summary>A video, reaching the model as a sequence of frame images.</summary>
    Video,
}
